using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Payments.Simulators.Znode.Store;

namespace Payments.Simulators.Znode.Webhooks;

/// <summary>One POST of an event to the webhook URL.</summary>
public sealed record ZnodeWebhookDelivery(string EventId, string EventName, string OrderNumber, int Attempt, DateTimeOffset At, int? StatusCode, string? Error, string Body);

/// <summary>
/// Znode 10's webhook consumer as this simulator imagines it: a JSON POST per event to <see cref="ZnodeWebhookOptions.Url"/>,
/// signed with HMAC-SHA256 over <c>{timestamp}.{body}</c> (hex) in <see cref="ZnodeWebhookOptions.SignatureHeader"/>, the Unix
/// timestamp in <see cref="ZnodeWebhookOptions.TimestampHeader"/>. <b>The envelope and the signature are our invention</b>: Znode
/// has not published its own (docs/external-apis/znode.md#webhooks); the Znode service reads both through settings (<c>Znode:Webhook</c>).
/// </summary>
/// <remarks>
/// Envelope: <c>{"eventId", "eventModule": "Order", "eventName", "occurredAt", "data": {"OmsOrderId", "OrderNumber", "PortalId",
/// "UserId", "Email", "OrderState", "PaymentStatus", "Total", "CurrencyCode"}}</c>.
/// </remarks>
public sealed class ZnodeWebhookSender(TimeProvider time) : IAsyncDisposable
{
    readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    readonly Lock _gate = new();
    readonly List<ZnodeWebhookDelivery> _deliveries = [];
    readonly List<Task> _sending = [];
    ZnodeWebhookOptions? _options;

    public ZnodeWebhookOptions? Options { get { lock (_gate) return _options; } }

    public IReadOnlyList<ZnodeWebhookDelivery> Deliveries { get { lock (_gate) return _deliveries.ToArray(); } }

    /// <summary>Where to send from now on (null stops sending: Znode 9.x).</summary>
    public void Configure(ZnodeWebhookOptions? options)
    {
        lock (_gate) _options = options is { Url.Length: > 0 } ? options : null;
    }

    /// <summary>Announces a placed order in the background (if a URL is configured); <see cref="WaitAsync"/> waits for it.</summary>
    public void OrderPlaced(ZnodeOrder order, ZnodeStore store)
    {
        if (Options is not { } options) return;
        var body = new JsonObject
        {
            ["eventId"] = Guid.NewGuid().ToString(),
            ["eventModule"] = "Order",
            ["eventName"] = options.OrderCreatedEvent,
            ["occurredAt"] = time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture),
            ["data"] = new JsonObject
            {
                ["OmsOrderId"] = order.OmsOrderId,
                ["OrderNumber"] = order.OrderNumber,
                ["PortalId"] = order.PortalId,
                ["UserId"] = order.UserId,
                ["Email"] = order.Email,
                ["OrderState"] = store.StateName(order.OmsOrderStateId),
                ["PaymentStatus"] = store.PaymentName(order.OmsPaymentStateId),
                ["Total"] = order.Total,
                ["CurrencyCode"] = order.CurrencyCode,
            },
        }.ToJsonString();
        Start(options, body);
    }

    /// <summary>Sends an earlier event again, byte for byte (a redelivery), freshly signed.</summary>
    public bool Resend(string eventId)
    {
        var options = Options;
        var earlier = Deliveries.LastOrDefault(d => d.EventId == eventId);
        if (options is null || earlier is null) return false;
        Start(options, earlier.Body);
        return true;
    }

    /// <summary>Signs <paramref name="body"/> as this simulator does: hex HMAC-SHA256 of <c>{timestamp}.{body}</c>.</summary>
    public static string Sign(string secret, long timestamp, string body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp.ToString(CultureInfo.InvariantCulture)}.{body}")));

    /// <summary>Waits until every delivery started so far has finished.</summary>
    public async Task WaitAsync()
    {
        Task[] pending;
        lock (_gate) pending = [.. _sending];
        await Task.WhenAll(pending);
    }

    void Start(ZnodeWebhookOptions options, string body)
    {
        var task = SendAsync(options, body);
        lock (_gate)
        {
            _sending.RemoveAll(t => t.IsCompleted);
            _sending.Add(task);
        }
    }

    async Task SendAsync(ZnodeWebhookOptions options, string body)
    {
        await Task.Yield();
        var node = JsonNode.Parse(body)!;
        var eventId = (string?)node["eventId"] ?? "";
        var eventName = (string?)node["eventName"] ?? "";
        var orderNumber = (string?)node["data"]?["OrderNumber"] ?? "";
        int attempt;
        lock (_gate) attempt = _deliveries.Count(d => d.EventId == eventId) + 1;
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, options.Url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation(options.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        if (!string.IsNullOrEmpty(options.Secret))
            request.Headers.TryAddWithoutValidation(options.SignatureHeader, Sign(options.Secret, timestamp, body));
        int? status = null;
        string? error = null;
        try
        {
            using var response = await _http.SendAsync(request);
            status = (int)response.StatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            error = e.Message;
        }
        lock (_gate) _deliveries.Add(new ZnodeWebhookDelivery(eventId, eventName, orderNumber, attempt, time.GetUtcNow(), status, error, body));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await WaitAsync();
        }
        finally
        {
            _http.Dispose();
        }
    }
}
