using Microsoft.EntityFrameworkCore;

namespace Payments.Persistence.Cleanup;

/// <summary>How long finished inbox/outbox rows of <typeparamref name="TContext"/> are kept, and how often the sweep runs.</summary>
public sealed class OutboxCleanupOptions<TContext>
    where TContext : DbContext
{
    /// <summary>
    /// Also the duplicate-detection window: a message redelivered later than this after it was handled is handled
    /// again. Broker redeliveries come within minutes; a day leaves room for a replay from an error queue.
    /// </summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(1);

    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);
}
