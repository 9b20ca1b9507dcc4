using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.Options;
using Payments.Contracts.Shared;
using Payments.Contracts.ZnodeOrderToCash;

namespace Payments.ZnodeService.Webhooks;

/// <summary>
/// <c>POST /webhooks/znode</c>: size limit → shared-secret signature (and its timestamp) → the configured envelope → for an order
/// event, <see cref="ZnodeOrderAnnounced"/> published, answered 202 once the bus has it. The order itself is read from Znode's API
/// by <c>ZnodeOrderAnnouncedConsumer</c> and taken in once by its number, so a redelivered webhook, or one for an order the poller
/// already took in, publishes no second <c>ZnodeOrderPlaced</c>. Nothing is kept here: a refused call is only logged.
/// </summary>
public sealed class ZnodeWebhookReceiver(IBus bus, IOptions<ZnodeWebhookOptions> options, TimeProvider time, ILogger<ZnodeWebhookReceiver> logger)
{
    public async Task<IResult> ReceiveAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.Secrets.All(string.IsNullOrWhiteSpace))
            return Refuse(StatusCodes.Status404NotFound, "not_enabled", $"The Znode webhook is not enabled: set {ZnodeWebhookOptions.Section}:Secrets:0.");

        var body = await ReadBodyAsync(request.Body, settings.MaxBodyBytes, cancellationToken);
        if (body is null)
            return Refuse(StatusCodes.Status413PayloadTooLarge, "body_too_large", $"The body exceeds {ZnodeWebhookOptions.Section}:MaxBodyBytes ({settings.MaxBodyBytes} bytes).");

        if (Verify(settings, request.Headers, body) is { } refusal)
            return Refuse(StatusCodes.Status401Unauthorized, "bad_signature", refusal);

        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(body);
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            return Refuse(StatusCodes.Status400BadRequest, "malformed_json", $"The body is not JSON: {e.Message}");
        }

        var eventId = Text(root, settings.EventIdPath) ?? "sha256:" + Convert.ToHexStringLower(SHA256.HashData(body));
        var eventName = Text(root, settings.EventNamePath);
        if (eventName is null || !settings.OrderEvents.Any(e => string.Equals(e.Trim(), eventName.Trim(), StringComparison.OrdinalIgnoreCase)))
        {
            logger.LogInformation("Znode webhook {EventId} ({EventName}) is not an order event of {Section}:OrderEvents; ignored", eventId, eventName, ZnodeWebhookOptions.Section);
            return Results.Json(new { received = true, ignored = $"event '{eventName}' is not one of {ZnodeWebhookOptions.Section}:OrderEvents" });
        }

        var orderNumber = Text(root, settings.OrderNumberPath);
        if (orderNumber is null)
            return Refuse(StatusCodes.Status422UnprocessableEntity, "no_order_number",
                $"Event {eventId} ({eventName}) has no order number at '{settings.OrderNumberPath}' ({ZnodeWebhookOptions.Section}:OrderNumberPath).");
        long? omsOrderId = settings.OmsOrderIdPath is { Length: > 0 } idPath
                           && long.TryParse(Text(root, idPath), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) && id > 0
            ? id
            : null;

        // Accepted: publish even if the caller hangs up now (a cancelled publish would only make Znode send it again).
        await bus.Publish(new ZnodeOrderAnnounced
        {
            CorrelationId = CorrelationKey.ZnodeOrder(orderNumber).ToGuid(),
            OrderNumber = orderNumber,
            OmsOrderId = omsOrderId,
            EventId = eventId,
            EventType = eventName,
            ReceivedAt = time.GetUtcNow(),
        }, CancellationToken.None);
        logger.LogInformation("Znode webhook {EventId} ({EventName}) announced order {OrderNumber}", eventId, eventName, orderNumber);
        return Results.Json(new { received = true, orderNumber }, statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>Null when the signature is one of ours and fresh; else why not.</summary>
    string? Verify(ZnodeWebhookOptions settings, IHeaderDictionary headers, byte[] body)
    {
        var header = headers[settings.SignatureHeader].FirstOrDefault()?.Trim();
        if (string.IsNullOrEmpty(header)) return $"No {settings.SignatureHeader} header.";
        if (settings.SignaturePrefix is { Length: > 0 } prefix)
        {
            if (!header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return $"The {settings.SignatureHeader} header does not start with '{prefix}'.";
            header = header[prefix.Length..];
        }
        byte[] given;
        try
        {
            given = settings.SignatureEncoding == SignatureEncoding.Hex ? Convert.FromHexString(header) : Convert.FromBase64String(header);
        }
        catch (FormatException)
        {
            return $"The {settings.SignatureHeader} header is not {settings.SignatureEncoding} ({ZnodeWebhookOptions.Section}:SignatureEncoding).";
        }

        var signed = body;
        if (settings.TimestampHeader is { Length: > 0 } timestampHeader)
        {
            var stamp = headers[timestampHeader].FirstOrDefault()?.Trim();
            if (!long.TryParse(stamp, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds))
                return $"No Unix time in the {timestampHeader} header.";
            var age = time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds);
            if (age.Duration() > settings.Tolerance)
                return $"The signature's time ({stamp}) is {age.Duration().TotalSeconds:0} s from ours, more than {ZnodeWebhookOptions.Section}:Tolerance ({settings.Tolerance}).";
            signed = [.. Encoding.UTF8.GetBytes(stamp + "."), .. body];
        }
        foreach (var secret in settings.Secrets.Where(s => !string.IsNullOrWhiteSpace(s)))
        {
            var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
            if (CryptographicOperations.FixedTimeEquals(expected, given)) return null;
        }
        return $"The {settings.SignatureHeader} signature matches none of {ZnodeWebhookOptions.Section}:Secrets.";
    }

    /// <summary>The value at a dotted path (<c>data.OrderNumber</c>), matched without case, as text; null when absent or empty.</summary>
    static string? Text(JsonElement root, string? path)
    {
        if (string.IsNullOrWhiteSpace(path)) return null;
        var node = root;
        foreach (var part in path.Split('.', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (node.ValueKind != JsonValueKind.Object) return null;
            var found = node.EnumerateObject().FirstOrDefault(p => string.Equals(p.Name, part, StringComparison.OrdinalIgnoreCase));
            if (found.Value.ValueKind == JsonValueKind.Undefined) return null;
            node = found.Value;
        }
        var text = node.ValueKind switch
        {
            JsonValueKind.String => node.GetString(),
            JsonValueKind.Number => node.GetRawText(),
            _ => null,
        };
        return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }

    IResult Refuse(int status, string reason, string detail)
    {
        logger.LogWarning("Znode webhook refused ({Reason}): {Detail}", reason, detail);
        return Results.Json(new { error = reason, detail }, statusCode: status);
    }

    static async Task<byte[]?> ReadBodyAsync(Stream body, int limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
