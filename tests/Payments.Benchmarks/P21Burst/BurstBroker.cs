using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Payments.Benchmarks.P21Burst;

/// <summary>A virtual host of the run's own on the test broker (created, then deleted with everything in it), read through the management API.</summary>
public sealed class BurstBroker : IAsyncDisposable
{
    readonly HttpClient _http;
    readonly string _vhost;

    BurstBroker(HttpClient http, string virtualHost, string host, ushort port, string user, string password)
    {
        _http = http;
        VirtualHost = virtualHost;
        _vhost = Uri.EscapeDataString(virtualHost);
        Host = host;
        Port = port;
        User = user;
        Password = password;
    }

    public string VirtualHost { get; }
    public string Host { get; }
    public ushort Port { get; }
    public string User { get; }
    public string Password { get; }
    public string ManagementUri => _http.BaseAddress!.ToString();

    public static async Task<BurstBroker> CreateAsync(string host)
    {
        string Variable(string name, string fallback) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : fallback;
        var port = ushort.Parse(Variable("PAYMENTS_TEST_RABBITMQ_PORT", "5672"), System.Globalization.CultureInfo.InvariantCulture);
        var user = Variable("PAYMENTS_TEST_RABBITMQ_USER", "guest");
        var password = Variable("PAYMENTS_TEST_RABBITMQ_PASS", "guest");
        var management = Variable("PAYMENTS_TEST_RABBITMQ_MGMT_URI", $"http://{host}:15672");
        var http = new HttpClient { BaseAddress = new Uri(management.TrimEnd('/') + "/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        var virtualHost = $"payments-p21-burst-{Guid.NewGuid().ToString("N")[..8]}";
        var vhost = Uri.EscapeDataString(virtualHost);
        (await http.PutAsJsonAsync($"api/vhosts/{vhost}", new { })).EnsureSuccessStatusCode();
        (await http.PutAsJsonAsync($"api/permissions/{vhost}/{Uri.EscapeDataString(user)}", new { configure = ".*", write = ".*", read = ".*" }))
            .EnsureSuccessStatusCode();
        return new BurstBroker(http, virtualHost, host, port, user, password);
    }

    /// <summary>A queue's ready and unacknowledged messages (the management API's figures, a few seconds behind); zeros for a queue not declared.</summary>
    public async Task<(long Ready, long Unacknowledged)> QueueAsync(string queue)
    {
        using var response = await _http.GetAsync($"api/queues/{_vhost}/{Uri.EscapeDataString(queue)}");
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound) return (0, 0);
        response.EnsureSuccessStatusCode();
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (Number(json, "messages_ready"), Number(json, "messages_unacknowledged"));
    }

    /// <summary>Waits until the queue has a consumer (the service receives).</summary>
    public async Task WaitForConsumerAsync(string queue, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            using var response = await _http.GetAsync($"api/queues/{_vhost}/{Uri.EscapeDataString(queue)}");
            if (response.IsSuccessStatusCode && Number(await response.Content.ReadFromJsonAsync<JsonElement>(), "consumers") > 0) return;
            await Task.Delay(500);
        }
        throw new TimeoutException($"No consumer on {queue} within {within.TotalSeconds} s.");
    }

    static long Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt64() : 0;

    public async ValueTask DisposeAsync()
    {
        await _http.DeleteAsync($"api/vhosts/{_vhost}");
        _http.Dispose();
    }
}
