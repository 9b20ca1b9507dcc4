using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Payments.Simulators.Znode;

namespace Payments.Simulators.Tests.Znode;

/// <summary>Plain HTTP against the simulated Znode API, with the headers a Znode integration sends (or others, to test the checks).</summary>
sealed class ZnodeApiClient(ZnodeSimulator simulator) : IDisposable
{
    readonly HttpClient _http = new() { BaseAddress = new Uri(simulator.BaseUrl) };

    public string Domain { get; set; } = simulator.Options.DomainName;
    public string? Authorization { get; set; } = simulator.AuthorizationHeader;
    public Dictionary<string, string> Headers { get; } = [];

    public static string Basic(string domain, string key) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{domain}|{key}"));

    public Task<Answer> GetAsync(string path) => SendAsync(HttpMethod.Get, path, null);
    public Task<Answer> PutAsync(string path, object body) => SendAsync(HttpMethod.Put, path, body);
    public Task<Answer> PostAsync(string path, object? body) => SendAsync(HttpMethod.Post, path, body);

    public async Task<Answer> SendAsync(HttpMethod method, string path, object? body)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.TryAddWithoutValidation("Znode-DomainName", Domain);
        if (Authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", Authorization);
        foreach (var (name, value) in Headers) request.Headers.TryAddWithoutValidation(name, value);
        if (body is not null)
            request.Content = new StringContent(body as string ?? System.Text.Json.JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new Answer(response.StatusCode, text, text.Length == 0 ? null : JsonNode.Parse(text), response.Headers.RetryAfter?.Delta,
            response.Content.Headers.ContentType?.ToString());
    }

    public void Dispose() => _http.Dispose();

    public sealed record Answer(HttpStatusCode Status, string Text, JsonNode? Body, TimeSpan? RetryAfter, string? ContentType);
}
