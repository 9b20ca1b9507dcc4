using Microsoft.Extensions.Options;

namespace Payments.Gateway.Webhooks;

/// <summary>What the gateway does when a signed event's <c>api_version</c> is not on Stripe.net's release train.</summary>
public enum ApiVersionMismatchPolicy
{
    /// <summary>400 with the two versions named; the body is kept in RejectedWebhooks. Stripe retries for up to 3 days, time to align the endpoint's version.</summary>
    Reject,
    /// <summary>Process it anyway and log a warning. Only the fields the mapping reads matter; use while an endpoint's version is being moved.</summary>
    Accept,
}

/// <summary>The <c>Gateway</c> configuration section.</summary>
public sealed class GatewayOptions
{
    public const string Section = "Gateway";

    /// <summary>Endpoint signing secrets (<c>whsec_…</c>). While a secret is rolled, list the new and the old one: a body signed by either is accepted.</summary>
    public string[] WebhookSecrets { get; set; } = [];

    /// <summary>How old a signature's timestamp may be; Stripe's libraries default to 300 s.</summary>
    public int SignatureToleranceSeconds { get; set; } = 300;

    /// <summary>Larger bodies get 413 without being read further.</summary>
    public long MaxBodyBytes { get; set; } = 256 * 1024;

    public ApiVersionMismatchPolicy ApiVersionMismatch { get; set; } = ApiVersionMismatchPolicy.Reject;

    /// <summary>Webhooks this process ingests at once (each holds a database connection while it commits); <see cref="WebhookIngestLimiter"/>.</summary>
    public int MaxConcurrentIngests { get; set; } = 32;

    /// <summary>Webhooks that wait for one of those, oldest first; past it the answer is 503 with Retry-After (Stripe retries).</summary>
    public int IngestQueueLimit { get; set; } = 1000;

    /// <summary>The Retry-After of that 503, in seconds.</summary>
    public int BusyRetryAfterSeconds { get; set; } = 5;
}

public sealed class GatewayOptionsValidator : IValidateOptions<GatewayOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        var failures = new List<string>();
        if (options.WebhookSecrets.Length == 0)
            failures.Add("Gateway:WebhookSecrets needs at least one Stripe endpoint signing secret (whsec_…), e.g. Gateway__WebhookSecrets__0.");
        for (var i = 0; i < options.WebhookSecrets.Length; i++)
        {
            if (!(options.WebhookSecrets[i]?.StartsWith("whsec_", StringComparison.Ordinal) ?? false) || options.WebhookSecrets[i].Length <= "whsec_".Length)
                failures.Add($"Gateway:WebhookSecrets:{i} is not a Stripe endpoint signing secret (expected whsec_…).");
        }
        if (options.SignatureToleranceSeconds is < 1 or > 3600)
            failures.Add($"Gateway:SignatureToleranceSeconds must be between 1 and 3600; got {options.SignatureToleranceSeconds}.");
        if (options.MaxBodyBytes is < 1024 or > 10 * 1024 * 1024)
            failures.Add($"Gateway:MaxBodyBytes must be between 1024 and 10485760; got {options.MaxBodyBytes}.");
        if (options.MaxConcurrentIngests is < 1 or > 1024)
            failures.Add($"Gateway:MaxConcurrentIngests must be between 1 and 1024; got {options.MaxConcurrentIngests}.");
        if (options.IngestQueueLimit is < 0 or > 100_000)
            failures.Add($"Gateway:IngestQueueLimit must be between 0 and 100000; got {options.IngestQueueLimit}.");
        if (options.BusyRetryAfterSeconds is < 1 or > 3600)
            failures.Add($"Gateway:BusyRetryAfterSeconds must be between 1 and 3600; got {options.BusyRetryAfterSeconds}.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
