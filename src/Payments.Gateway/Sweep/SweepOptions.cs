using Microsoft.Extensions.Options;

namespace Payments.Gateway.Sweep;

/// <summary>The <c>Gateway:Sweep</c> section: how often and how far back the missed-event sweep reads Stripe's events.</summary>
public sealed class SweepOptions
{
    public const string Section = "Gateway:Sweep";

    /// <summary>Off: no sweep even with a Stripe key (e.g. where another gateway of the same account sweeps).</summary>
    public bool Enabled { get; set; } = true;

    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Each round lists from the checkpoint less this: an event Stripe lists a moment after its <c>created</c> second (or that shares
    /// the checkpoint's second) is still seen. The event-id record makes reading one twice harmless.
    /// </summary>
    public TimeSpan Overlap { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Where the very first round starts: Stripe retries a failed delivery for three days, so that is the window a new gateway may have lost.</summary>
    public TimeSpan InitialLookback { get; set; } = TimeSpan.FromDays(3);

    /// <summary>How long a replica keeps the sweep without renewing it; longer than a round takes.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Events per page of <c>/v1/events</c> (1–100).</summary>
    public int PageSize { get; set; } = 100;
}

public sealed class SweepOptionsValidator : IValidateOptions<SweepOptions>
{
    public ValidateOptionsResult Validate(string? name, SweepOptions options)
    {
        const string section = SweepOptions.Section;
        var failures = new List<string>();
        if (options.Interval < TimeSpan.FromSeconds(1))
            failures.Add($"{section}:Interval must be at least 1 second; got {options.Interval}.");
        if (options.Overlap < TimeSpan.Zero)
            failures.Add($"{section}:Overlap cannot be negative; got {options.Overlap}.");
        // Stripe lists events of the last 30 days only.
        if (options.InitialLookback <= TimeSpan.Zero || options.InitialLookback > TimeSpan.FromDays(30))
            failures.Add($"{section}:InitialLookback must be more than 0 and at most 30 days (what Stripe's events API keeps); got {options.InitialLookback}.");
        if (options.LeaseDuration < TimeSpan.FromSeconds(5))
            failures.Add($"{section}:LeaseDuration must be at least 5 seconds; got {options.LeaseDuration}.");
        if (options.PageSize is < 1 or > 100)
            failures.Add($"{section}:PageSize must be between 1 and 100; got {options.PageSize}.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>The Stripe API the gateway reads events from: <c>Stripe:ApiKey</c>, <c>Stripe:ApiBase</c> (the Stripe service's keys).</summary>
public sealed class StripeApiOptions
{
    public const string Section = "Stripe";

    /// <summary>A secret or restricted key that may read events (and, for backfill, charges, refunds, disputes, payouts). Empty: no sweep.</summary>
    public string? ApiKey { get; set; }

    public string ApiBase { get; set; } = "https://api.stripe.com";
}
