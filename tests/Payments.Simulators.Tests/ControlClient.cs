using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Payments.Simulators.Tests;

/// <summary>Plain HTTP with JSON, as a user of a simulator's control API (or any API) would call it.</summary>
sealed class ControlClient(string baseUrl) : IDisposable
{
    readonly HttpClient _http = new() { BaseAddress = new Uri(baseUrl) };

    public HttpClient Http => _http;

    public Task<(HttpStatusCode Status, JsonNode? Body)> GetAsync(string path) => SendAsync(HttpMethod.Get, path, null);
    public Task<(HttpStatusCode Status, JsonNode? Body)> PostAsync(string path, object? body = null) => SendAsync(HttpMethod.Post, path, body);
    public Task<(HttpStatusCode Status, JsonNode? Body)> PutAsync(string path, object body) => SendAsync(HttpMethod.Put, path, body);
    public Task<(HttpStatusCode Status, JsonNode? Body)> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path, null);

    /// <summary>A JSON body given as raw text (e.g. to send what a user would type with curl).</summary>
    public Task<(HttpStatusCode Status, JsonNode? Body)> PostRawAsync(string path, string json) =>
        SendAsync(HttpMethod.Post, path, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

    async Task<(HttpStatusCode, JsonNode?)> SendAsync(HttpMethod method, string path, object? body)
    {
        using var request = new HttpRequestMessage(method, path)
        {
            Content = body switch { null => null, HttpContent content => content, _ => JsonContent.Create(body) },
        };
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    public void Dispose() => _http.Dispose();
}
