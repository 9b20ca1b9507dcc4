using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;

namespace Payments.EndToEnd.Tests.Console;

/// <summary>
/// A virtual host of its own on the test broker (<c>PAYMENTS_TEST_RABBITMQ_*</c>; without them the test is ignored), deleted with
/// everything in it at the end, so the sandbox's queues and <c>_error</c> queues are this test's alone.
/// </summary>
sealed class TestVirtualHost : IAsyncDisposable
{
    readonly HttpClient _management;

    TestVirtualHost(HttpClient management, string name, IReadOnlyList<string> settings)
    {
        _management = management;
        Name = name;
        BusSettings = settings;
    }

    public string Name { get; }
    /// <summary>The sandbox's command-line settings for this broker and virtual host.</summary>
    public IReadOnlyList<string> BusSettings { get; }

    public static async Task<TestVirtualHost> CreateOrIgnoreAsync()
    {
        var host = Environment.GetEnvironmentVariable("PAYMENTS_TEST_RABBITMQ_HOST");
        if (string.IsNullOrWhiteSpace(host))
            Assert.Ignore("PAYMENTS_TEST_RABBITMQ_HOST is not set: the browser tests redrive from a real RabbitMQ. Run ./scripts/test.sh.");
        var port = Environment.GetEnvironmentVariable("PAYMENTS_TEST_RABBITMQ_PORT") ?? "5672";
        var user = Environment.GetEnvironmentVariable("PAYMENTS_TEST_RABBITMQ_USER") ?? "guest";
        var password = Environment.GetEnvironmentVariable("PAYMENTS_TEST_RABBITMQ_PASS") ?? "guest";
        var managementUri = Environment.GetEnvironmentVariable("PAYMENTS_TEST_RABBITMQ_MGMT_URI") ?? $"http://{host}:15672";
        var name = "payments-console-" + Guid.NewGuid().ToString("N")[..12];

        var management = new HttpClient { BaseAddress = new Uri(managementUri.TrimEnd('/') + "/") };
        management.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        (await management.PutAsJsonAsync($"api/vhosts/{name}", new { })).EnsureSuccessStatusCode();
        (await management.PutAsJsonAsync($"api/permissions/{name}/{Uri.EscapeDataString(user)}", new { configure = ".*", write = ".*", read = ".*" }))
            .EnsureSuccessStatusCode();
        return new TestVirtualHost(management, name,
        [
            "--Bus:Transport=RabbitMq", $"--Bus:RabbitMq:Host={host}", $"--Bus:RabbitMq:Port={port}", $"--Bus:RabbitMq:VirtualHost={name}",
            $"--Bus:RabbitMq:Username={user}", $"--Bus:RabbitMq:Password={password}", $"--Bus:RabbitMq:ManagementUri={managementUri}",
        ]);
    }

    /// <summary>
    /// The queue's message count once it is <paramref name="expected"/>, or the last one read after <paramref name="within"/>: the
    /// management API's figures lag the broker by its statistics interval.
    /// </summary>
    public async Task<long> MessagesAsync(string queue, long expected, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var messages = await MessagesAsync(queue);
            if (messages == expected || DateTime.UtcNow > deadline)
                return messages;
            await Task.Delay(500);
        }
    }

    /// <summary>Ready messages in a queue (management API; 0 for a queue not declared).</summary>
    public async Task<long> MessagesAsync(string queue)
    {
        using var response = await _management.GetAsync($"api/queues/{Name}/{Uri.EscapeDataString(queue)}");
        if (!response.IsSuccessStatusCode)
            return 0;
        var json = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        return json.TryGetProperty("messages", out var messages) && messages.ValueKind == System.Text.Json.JsonValueKind.Number
            ? messages.GetInt64() : 0;
    }

    public async ValueTask DisposeAsync()
    {
        using var _ = await _management.DeleteAsync($"api/vhosts/{Name}");
        _management.Dispose();
    }

    public override string ToString() => Name.ToString(CultureInfo.InvariantCulture);
}
