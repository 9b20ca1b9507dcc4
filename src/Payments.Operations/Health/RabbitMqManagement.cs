using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Serialization;
using Payments.ServiceDefaults;

namespace Payments.Operations.Health;

/// <summary>
/// RabbitMQ's management API (<c>Bus:RabbitMq:ManagementUri</c>, the bus's user): the broker's health, and each queue's depth, which
/// the <c>payments.queue.depth</c> gauge reports from the last probe.
/// </summary>
public sealed class RabbitMqManagement : IDependencyProbe
{
    public const string HttpClientName = "rabbitmq-management";

    readonly IHttpClientFactory _http;
    readonly RabbitMqOptions _rabbit;
    volatile IReadOnlyList<QueueDepth> _depths = [];

    public RabbitMqManagement(IHttpClientFactory http, BusOptions bus)
    {
        _http = http;
        _rabbit = bus.RabbitMq;
    }

    public string Name => "rabbitmq";

    /// <summary>The queues' depths at the last successful probe.</summary>
    public IReadOnlyList<QueueDepth> Depths => _depths;

    public async Task<ProbeResult> ProbeAsync(CancellationToken cancellationToken)
    {
        var client = Client();
        using var response = await client.GetAsync("api/overview", cancellationToken);
        if (!response.IsSuccessStatusCode)
            return new ProbeResult(false, $"management API answered {(int)response.StatusCode} {response.ReasonPhrase}");
        var overview = await response.Content.ReadFromJsonAsync<Overview>(cancellationToken);

        var queues = await client.GetFromJsonAsync<List<QueueInfo>>(
            $"api/queues/{Uri.EscapeDataString(_rabbit.VirtualHost)}?columns=name,messages,messages_ready,messages_unacknowledged", cancellationToken) ?? [];
        _depths = [.. queues.Select(q => new QueueDepth(q.Name, q.Messages ?? 0))];
        var waitingInErrors = queues.Where(q => q.Name.EndsWith("_error", StringComparison.Ordinal)).Sum(q => q.Messages ?? 0);
        return new ProbeResult(true, $"RabbitMQ {overview?.RabbitMqVersion ?? "?"}, {queues.Count} queues in '{_rabbit.VirtualHost}', {waitingInErrors} message(s) in _error queues");
    }

    HttpClient Client()
    {
        var client = _http.CreateClient(HttpClientName);
        var baseUri = _rabbit.ManagementUri.EndsWith('/') ? _rabbit.ManagementUri : _rabbit.ManagementUri + "/";
        client.BaseAddress = new Uri(baseUri);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_rabbit.Username}:{_rabbit.Password}")));
        return client;
    }

    sealed record Overview([property: JsonPropertyName("rabbitmq_version")] string? RabbitMqVersion);

    sealed record QueueInfo(
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("messages")] long? Messages);
}

public sealed record QueueDepth(string Queue, long Messages);
