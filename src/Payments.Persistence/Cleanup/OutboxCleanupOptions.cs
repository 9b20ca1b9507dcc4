using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;

namespace Payments.Persistence.Cleanup;

/// <summary>
/// The <c>Database:Cleanup</c> section, for every DbContext of the process (<typeparamref name="TContext"/> may be set
/// apart in code): how long finished inbox rows are kept, how often the sweep runs and how many rows one delete removes.
/// Checked at start-up.
/// </summary>
public sealed class OutboxCleanupOptions<TContext> : IValidatableObject
    where TContext : DbContext
{
    public const string Section = "Database:Cleanup";

    /// <summary>
    /// Also the duplicate-detection window: a message redelivered later than this after it was handled is handled
    /// again. Broker redeliveries come within minutes; a day leaves room for a replay from an error queue.
    /// </summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(1);

    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Rows removed per statement (and transaction), so a sweep never holds locks on a large part of a table.</summary>
    public int BatchSize { get; set; } = 1000;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Retention <= TimeSpan.Zero)
            yield return new ValidationResult($"{Section}:Retention must be positive; got {Retention}.", [nameof(Retention)]);
        if (Interval < TimeSpan.FromMilliseconds(10) || Interval > TimeSpan.FromDays(1))
            yield return new ValidationResult($"{Section}:Interval must be between 00:00:00.010 and 1.00:00:00; got {Interval}.", [nameof(Interval)]);
        if (BatchSize is < 1 or > 100_000)
            yield return new ValidationResult($"{Section}:BatchSize must be between 1 and 100000; got {BatchSize}.", [nameof(BatchSize)]);
    }
}
