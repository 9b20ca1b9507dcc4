using System.ComponentModel.DataAnnotations;

namespace Payments.ZnodeService.Webhooks;

/// <summary>How the webhook signature is written in its header.</summary>
public enum SignatureEncoding
{
    Hex,
    Base64,
}

/// <summary>
/// <c>Znode:Webhook</c>: <c>POST /webhooks/znode</c>, the intake for Znode 10's "Webhook Consumer". Znode has not published its
/// webhook envelope or signature (docs/external-apis/znode.md#webhooks), so both are settings here: an HMAC-SHA256 of
/// <c>{timestamp}.{body}</c> (or of the body alone when <see cref="TimestampHeader"/> is empty) with a shared secret, and the
/// places of the event id, the event name, the order number and the order id in the JSON body (dotted paths). The defaults match
/// the Znode simulator's envelope, which is our invention. No <see cref="Secrets"/>: the endpoint refuses every call.
/// </summary>
public sealed class ZnodeWebhookOptions
{
    public const string Section = "Znode:Webhook";

    /// <summary>Shared secrets; a signature made with any of them is accepted (more than one while a secret is rolled).</summary>
    public string[] Secrets { get; set; } = [];

    [Required(ErrorMessage = "{0} is required (the header that carries the signature).")]
    public string SignatureHeader { get; set; } = "X-Znode-Signature";

    /// <summary>An optional prefix before the signature in its header, e.g. <c>sha256=</c>.</summary>
    public string? SignaturePrefix { get; set; }

    public SignatureEncoding SignatureEncoding { get; set; } = SignatureEncoding.Hex;

    /// <summary>The header with the Unix time the call was signed at; it is signed with the body. Empty: the body alone is signed.</summary>
    public string? TimestampHeader { get; set; } = "X-Znode-Timestamp";

    /// <summary>How far a signed timestamp may be from our clock (replays outside it are refused).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "{0} must be between 00:00:01 and 1.00:00:00.")]
    public TimeSpan Tolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The event id in the body; when absent, the SHA-256 of the body stands for it.</summary>
    public string EventIdPath { get; set; } = "eventId";

    [Required(ErrorMessage = "{0} is required (where the body names its event, e.g. eventName).")]
    public string EventNamePath { get; set; } = "eventName";

    /// <summary>Event names that announce an order to take in (matched without case); any other event is answered 200 and ignored.</summary>
    public string[] OrderEvents { get; set; } = ["Order Created"];

    [Required(ErrorMessage = "{0} is required (where the body names the order number, e.g. data.OrderNumber).")]
    public string OrderNumberPath { get; set; } = "data.OrderNumber";

    /// <summary>The order id, when the body has it (the order is then read by id, else by number).</summary>
    public string? OmsOrderIdPath { get; set; } = "data.OmsOrderId";

    [Range(1024, 16 * 1024 * 1024, ErrorMessage = "{0} must be between 1024 and 16777216.")]
    public int MaxBodyBytes { get; set; } = 256 * 1024;
}
