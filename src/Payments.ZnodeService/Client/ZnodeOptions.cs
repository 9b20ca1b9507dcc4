using System.ComponentModel.DataAnnotations;

namespace Payments.ZnodeService.Client;

/// <summary>
/// The <c>Znode</c> section: where the Znode API site is and who we are there. How calls are limited and cut off in
/// <c>Znode:Http</c> (<see cref="ServiceDefaults.Http.OutboundHttpOptions"/>), the client-side rate limit in <c>Znode:RateLimit</c>,
/// read retries in <c>Znode:ReadRetry</c>; each capability has its own section (<c>Znode:Orders</c>, <c>Znode:Payments</c>,
/// <c>Znode:Mail</c>, <c>Znode:Intake</c>).
/// </summary>
public sealed class ZnodeOptions
{
    public const string Section = "Znode";

    /// <summary>The API site's root (Znode's routes hang off it without <c>/api</c>), e.g. <c>https://api.store.example.com</c>.</summary>
    [Required(ErrorMessage = "{0} is required (the Znode API site, e.g. https://api.store.example.com).")]
    public string BaseUrl { get; set; } = "";

    /// <summary>The store's domain as Znode's <c>ZnodeDomain</c> table has it: sent as <c>Znode-DomainName</c> and in the credentials.</summary>
    [Required(ErrorMessage = "{0} is required (the store domain of the ZnodeDomain table, e.g. shop.example.com).")]
    public string DomainName { get; set; } = "";

    /// <summary>That domain's API key (<c>ZnodeDomain.ApiKey</c>); sent as <c>Basic base64("{DomainName}|{ApiKey}")</c>.</summary>
    [Required(ErrorMessage = "{0} is required (the domain's API key from the ZnodeDomain table).")]
    public string? ApiKey { get; set; }

    /// <summary>
    /// Sent as <c>Znode-UserId</c> on every call when set: the admin user Znode records as the author of our changes. Znode 9.x
    /// does not require it (docs/external-apis/znode.md#acting-user); set it if an installation refuses writes without it.
    /// </summary>
    [Range(1, int.MaxValue, ErrorMessage = "{0} must be a positive Znode user id.")]
    public int? UserId { get; set; }

    /// <summary>How long one call may take (the attempt time-out); a time-out is a transient failure.</summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "00:10:00", ErrorMessage = "{0} must be between 00:00:00.1 and 00:10:00.")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// IANA id of the zone Znode's dates are in. Znode writes them without a zone (its server's clock); which zone is not published
    /// (docs/external-apis/znode.md#dates).
    /// </summary>
    public string TimeZone { get; set; } = "UTC";
}

/// <summary>
/// <c>Znode:RateLimit</c>: the client-side limit on calls to the Znode installation (a token bucket shared by every call of this
/// process), and how long a call may wait, queued behind the limit and behind Znode's <c>429</c> answers, before it gives up
/// as a transient failure (which the message pipeline retries later).
/// </summary>
public sealed class ZnodeRateLimitOptions
{
    public const string Section = "Znode:RateLimit";

    /// <summary>Calls per second, on average, from this process (divide the installation's budget by the replicas).</summary>
    [Range(0.01, 10_000, ErrorMessage = "{0} must be between 0.01 and 10000.")]
    public double PermitsPerSecond { get; set; } = 10;

    /// <summary>Calls that may go at once after a quiet spell.</summary>
    [Range(1, 10_000, ErrorMessage = "{0} must be between 1 and 10000.")]
    public int Burst { get; set; } = 10;

    /// <summary>Calls that may wait for a permit; beyond that a call is refused at once (transient).</summary>
    [Range(0, 1_000_000, ErrorMessage = "{0} must be between 0 and 1000000.")]
    public int QueueLimit { get; set; } = 10_000;

    /// <summary>The longest one call waits in all (queue, Retry-After pauses, read retries) before it fails as transient.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "{0} must be between 00:00:01 and 01:00:00.")]
    public TimeSpan MaxWait { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The pause after a 429 that names no Retry-After.</summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "00:10:00", ErrorMessage = "{0} must be between 00:00:00.1 and 00:10:00.")]
    public TimeSpan DefaultRetryAfter { get; set; } = TimeSpan.FromSeconds(1);
}

/// <summary>
/// <c>Znode:ReadRetry</c>: retries of transient failures (5xx, 408, time-out, no answer) for <b>reads only</b>. A write is not
/// repeated by the HTTP client: its message is retried by the pipeline (docs/messaging.md), whose consumer reads Znode first.
/// </summary>
public sealed class ZnodeReadRetryOptions
{
    public const string Section = "Znode:ReadRetry";

    /// <summary>Retries after the first attempt; 0 turns read retries off.</summary>
    [Range(0, 10, ErrorMessage = "{0} must be between 0 and 10.")]
    public int MaxRetries { get; set; } = 2;

    /// <summary>The first wait; each retry doubles it, with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00", ErrorMessage = "{0} must be between 00:00:00 and 00:01:00.")]
    public TimeSpan Delay { get; set; } = TimeSpan.FromMilliseconds(200);
}
