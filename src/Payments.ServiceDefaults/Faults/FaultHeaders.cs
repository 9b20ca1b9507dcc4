using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Payments.ServiceDefaults.Faults;

/// <summary>Reads and strips the headers MassTransit (and our fault filter) put on a message when it moves it to <c>_error</c>.</summary>
public static class FaultHeaders
{
    public const string ErrorSuffix = "_error";

    /// <summary>Headers that describe the failure, not the message: dropped on redrive so the message starts over with full retries.</summary>
    public static bool IsFaultHeader(string name) =>
        name.StartsWith("MT-Fault-", StringComparison.OrdinalIgnoreCase)
        || name.Equals("MT-Reason", StringComparison.OrdinalIgnoreCase)
        || name.Equals("MT-Redelivery-Count", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("Payments-Failure-", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("x-death", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("x-first-death-", StringComparison.OrdinalIgnoreCase);

    /// <summary>The queue a message in <paramref name="errorQueue"/> came from: MassTransit names it <c>source_error</c>.</summary>
    public static string SourceQueueOf(string errorQueue) =>
        errorQueue.EndsWith(ErrorSuffix, StringComparison.Ordinal)
            ? errorQueue[..^ErrorSuffix.Length]
            : throw new ArgumentException($"'{errorQueue}' is not an error queue: its name must end in '{ErrorSuffix}'.", nameof(errorQueue));

    public static FaultMessage Describe(string? messageId, IDictionary<string, object?>? headers, string? body, string? correlationId = null)
    {
        headers ??= new Dictionary<string, object?>();
        var kind = Text(headers, "Payments-Failure-Kind");
        var system = Text(headers, "Payments-Failure-System");
        var reason = kind == null ? Text(headers, "MT-Reason") : system == null ? kind : $"{kind} ({system})";
        DateTimeOffset? faultedAt = DateTimeOffset.TryParse(Text(headers, "MT-Fault-Timestamp"), CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal, out var at) ? at : null;
        return new FaultMessage(
            messageId ?? EnvelopeField(body, "messageId"),
            Text(headers, "MT-Fault-MessageType") ?? MessageType(body),
            Text(headers, "MT-Fault-ExceptionType"),
            Text(headers, "MT-Fault-Message"),
            reason,
            Number(headers, "MT-Fault-RetryCount"),
            Number(headers, "MT-Redelivery-Count"),
            Text(headers, "MT-Fault-InputAddress"),
            faultedAt,
            Guid.TryParse(correlationId ?? EnvelopeField(body, "correlationId"), out var correlation) ? correlation : null);
    }

    /// <summary>Header values arrive as byte[] over AMQP and as strings or numbers over the management API.</summary>
    public static string? Text(IDictionary<string, object?> headers, string name) =>
        headers.TryGetValue(name, out var value) ? value switch
        {
            null => null,
            byte[] bytes => Encoding.UTF8.GetString(bytes),
            JsonElement { ValueKind: JsonValueKind.String } json => json.GetString(),
            JsonElement json => json.GetRawText(),
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        } : null;

    static int Number(IDictionary<string, object?> headers, string name) =>
        int.TryParse(Text(headers, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;

    // MassTransit's JSON envelope: { "messageId": "...", "messageType": ["urn:message:Namespace:Type"], "message": {...} }.
    static string? MessageType(string? body)
    {
        var urn = EnvelopeArrayFirst(body, "messageType");
        return urn?.StartsWith("urn:message:", StringComparison.Ordinal) == true ? urn["urn:message:".Length..].Replace(':', '.') : urn;
    }

    static string? EnvelopeField(string? body, string name)
    {
        var root = Parse(body);
        return root is { ValueKind: JsonValueKind.Object } r && r.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString() : null;
    }

    static string? EnvelopeArrayFirst(string? body, string name)
    {
        var root = Parse(body);
        return root is { ValueKind: JsonValueKind.Object } r && r.TryGetProperty(name, out var v)
            && v.ValueKind == JsonValueKind.Array && v.GetArrayLength() > 0 ? v[0].GetString() : null;
    }

    static JsonElement? Parse(string? body)
    {
        if (string.IsNullOrWhiteSpace(body) || body.TrimStart()[0] != '{')
            return null;
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
