using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Payments.ServiceDefaults;
using RabbitMQ.Client;

namespace Payments.Integration.Tests;

/// <summary>
/// The real RabbitMQ that scripts/test.sh (or scripts/services.sh) started, found through PAYMENTS_TEST_RABBITMQ_* variables.
/// Without them the test is ignored with a message saying how to run it.
/// </summary>
public sealed class Broker : IAsyncDisposable
{
    readonly HttpClient _http;
    readonly IConnection _connection;

    Broker(RabbitMqOptions options, IConnection connection)
    {
        Options = options;
        _connection = connection;
        _http = new HttpClient { BaseAddress = new Uri(options.ManagementUri.TrimEnd('/') + "/") };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.Username}:{options.Password}")));
    }

    public RabbitMqOptions Options { get; }

    public static async Task<Broker> ConnectOrIgnoreAsync()
    {
        var options = TestBrokerSettings.FromEnvironment();
        if (options is null)
            Assert.Ignore($"{TestBrokerSettings.HostVariable} is not set: these tests need a real RabbitMQ. Run ./scripts/test.sh, "
                          + "or start one with scripts/services.sh start and eval \"$(scripts/services.sh env)\".");
        var connection = await new ConnectionFactory
        {
            HostName = options.Host, Port = options.Port, UserName = options.Username, Password = options.Password,
        }.CreateConnectionAsync();
        return new Broker(options, connection);
    }

    /// <summary>The configuration a service would get from its environment, pointing at this broker.</summary>
    public Dictionary<string, string?> BusConfiguration(params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Bus:Transport"] = "RabbitMq",
            ["Bus:RabbitMq:Host"] = Options.Host,
            ["Bus:RabbitMq:Port"] = Options.Port.ToString(),
            ["Bus:RabbitMq:Username"] = Options.Username,
            ["Bus:RabbitMq:Password"] = Options.Password,
            ["Bus:RabbitMq:ManagementUri"] = Options.ManagementUri,
        };
        foreach (var (key, value) in extra)
            settings[key] = value;
        return settings;
    }

    /// <summary>Exact count (AMQP passive declare; the management API's counts lag by seconds); 0 for a queue not declared yet.</summary>
    public async Task<uint> CountAsync(string queue)
    {
        await using var channel = await _connection.CreateChannelAsync();
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404)
        {
            return 0;
        }
    }

    /// <summary>Waits (bounded) until the queue holds at least <paramref name="count"/> messages.</summary>
    public async Task WaitForCountAsync(string queue, uint count, TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        while (true)
        {
            if (await CountAsync(queue) >= count)
                return;
            await Task.Delay(100, timeout.Token);
        }
    }

    /// <summary>The messages in a queue as the management API shows them (peeked and put back).</summary>
    public async Task<List<JsonElement>> PeekAsync(string queue, int count = 10)
    {
        using var response = await _http.PostAsJsonAsync($"api/queues/%2F/{Uri.EscapeDataString(queue)}/get",
            new { count, ackmode = "ack_requeue_true", encoding = "auto" });
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<List<JsonElement>>() ?? [];
    }

    /// <summary>
    /// Closes every client connection to the broker but this helper's own, as a broker restart or a network cut would: the services
    /// of the test lose theirs and reconnect. Returns how many were closed.
    /// </summary>
    public async Task<int> DropClientConnectionsAsync(TimeSpan within)
    {
        // The management API lists a new connection only after its next statistics round (seconds).
        using var timeout = new CancellationTokenSource(within);
        List<JsonElement> others;
        while ((others = (await _http.GetFromJsonAsync<List<JsonElement>>("api/connections", timeout.Token) ?? [])
                   .Where(c => !(c.TryGetProperty("peer_port", out var port) && port.GetInt32() == _connection.LocalPort)).ToList()).Count == 0)
            await Task.Delay(250, timeout.Token);

        var dropped = 0;
        foreach (var connection in others)
        {
            using var request = new HttpRequestMessage(HttpMethod.Delete, $"api/connections/{Uri.EscapeDataString(connection.GetProperty("name").GetString()!)}");
            request.Headers.Add("X-Reason", "dropped by a test");
            using var response = await _http.SendAsync(request);
            response.EnsureSuccessStatusCode();
            dropped++;
        }
        return dropped;
    }

    public async Task<JsonElement> QueueAsync(string queue) =>
        await _http.GetFromJsonAsync<JsonElement>($"api/queues/%2F/{Uri.EscapeDataString(queue)}");

    /// <summary>A virtual host of its own, for a test that needs other queue settings than the ones already declared in "/".</summary>
    public async Task CreateVirtualHostAsync(string name)
    {
        var vhost = Uri.EscapeDataString(name);
        (await _http.PutAsJsonAsync($"api/vhosts/{vhost}", new { })).EnsureSuccessStatusCode();
        (await _http.PutAsJsonAsync($"api/permissions/{vhost}/{Uri.EscapeDataString(Options.Username)}",
            new { configure = ".*", write = ".*", read = ".*" })).EnsureSuccessStatusCode();
    }

    public async Task DeleteVirtualHostAsync(string name) =>
        (await _http.DeleteAsync($"api/vhosts/{Uri.EscapeDataString(name)}")).EnsureSuccessStatusCode();

    public async Task<JsonElement> QueueAsync(string virtualHost, string queue) =>
        await _http.GetFromJsonAsync<JsonElement>($"api/queues/{Uri.EscapeDataString(virtualHost)}/{Uri.EscapeDataString(queue)}");

    public async Task DeleteQueuesAsync(params string[] queues)
    {
        await using var channel = await _connection.CreateChannelAsync();
        foreach (var queue in queues)
            await channel.QueueDeleteAsync(queue);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _connection.DisposeAsync();
    }
}
