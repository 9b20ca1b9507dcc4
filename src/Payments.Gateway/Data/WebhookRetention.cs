using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Payments.Persistence.Cleanup;

namespace Payments.Gateway.Data;

/// <summary>
/// The <c>Gateway:Retention</c> section: how long the gateway keeps what webhooks left in its database. The gateway's
/// database cleanup removes older rows every <c>Database:Cleanup:Interval</c>, in batches of <c>Database:Cleanup:BatchSize</c>.
/// </summary>
public sealed class WebhookRetentionOptions
{
    public const string Section = "Gateway:Retention";

    /// <summary>
    /// Stripe retries an undelivered live-mode event for up to three days (docs/external-apis/stripe.md#webhook-delivery),
    /// and a recorded event id is what makes such a redelivery a duplicate: a shorter retention would publish it again.
    /// </summary>
    public static readonly TimeSpan StripeRedeliveryWindow = TimeSpan.FromDays(3);

    /// <summary>
    /// Accepted events (<see cref="WebhookEvent"/>): the duplicate-detection window of webhooks, at least
    /// <see cref="StripeRedeliveryWindow"/>. The default also covers the 30 days for which Stripe lists events, so an
    /// event resent by hand from Stripe's dashboard is still recognised.
    /// </summary>
    public TimeSpan WebhookEvents { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Refused signed bodies (<see cref="RejectedWebhook"/>), kept to be fixed and replayed; they hold customer data.</summary>
    public TimeSpan RejectedWebhooks { get; set; } = TimeSpan.FromDays(14);
}

public sealed class WebhookRetentionOptionsValidator : IValidateOptions<WebhookRetentionOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookRetentionOptions options)
    {
        const string section = WebhookRetentionOptions.Section;
        var failures = new List<string>();
        if (options.WebhookEvents < WebhookRetentionOptions.StripeRedeliveryWindow)
            failures.Add($"{section}:WebhookEvents must be at least 3 days (3.00:00:00), Stripe's redelivery window, or a redelivered event is published again; got {options.WebhookEvents}.");
        if (options.RejectedWebhooks <= TimeSpan.Zero)
            failures.Add($"{section}:RejectedWebhooks must be positive; got {options.RejectedWebhooks}.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>Accepted webhook records older than <see cref="WebhookRetentionOptions.WebhookEvents"/>.</summary>
public sealed class WebhookEventsSweep(IOptions<WebhookRetentionOptions> options) : ICleanupSweep<GatewayDbContext>
{
    public string Name => "webhook records (WebhookEvents)";

    public Task<int> RemoveBatchAsync(GatewayDbContext dbContext, DateTime utcNow, int batchSize, CancellationToken cancellationToken)
    {
        var cutoff = new DateTimeOffset(utcNow - options.Value.WebhookEvents, TimeSpan.Zero);
        // The oldest first, a range of the ReceivedAt index; EF deletes the batch by key. A record whose intake entry is not yet in the
        // audit trail (the audit database down that long) stays until it is.
        return dbContext.WebhookEvents.Where(e => e.ReceivedAt < cutoff && e.AuditedAt != null).OrderBy(e => e.ReceivedAt).Take(batchSize)
            .ExecuteDeleteAsync(cancellationToken);
    }
}

/// <summary>Rejected webhook bodies older than <see cref="WebhookRetentionOptions.RejectedWebhooks"/>.</summary>
public sealed class RejectedWebhooksSweep(IOptions<WebhookRetentionOptions> options) : ICleanupSweep<GatewayDbContext>
{
    public string Name => "rejected webhook bodies (RejectedWebhooks)";

    public Task<int> RemoveBatchAsync(GatewayDbContext dbContext, DateTime utcNow, int batchSize, CancellationToken cancellationToken)
    {
        var cutoff = new DateTimeOffset(utcNow - options.Value.RejectedWebhooks, TimeSpan.Zero);
        return dbContext.RejectedWebhooks.Where(r => r.ReceivedAt < cutoff).OrderBy(r => r.ReceivedAt).Take(batchSize)
            .ExecuteDeleteAsync(cancellationToken);
    }
}
