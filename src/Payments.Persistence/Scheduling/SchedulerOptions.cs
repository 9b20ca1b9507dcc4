using System.ComponentModel.DataAnnotations;

namespace Payments.Persistence.Scheduling;

/// <summary>The <c>Scheduler</c> configuration section of the process that hosts the scheduler; checked at start-up.</summary>
public sealed class SchedulerOptions : IValidatableObject
{
    public const string Section = "Scheduler";

    /// <summary>
    /// The longest the dispatcher sleeps without looking at the table. It wakes at the next due time it knows of, and
    /// at once when this process stores a schedule due sooner; this bounds how late it sees a schedule another
    /// replica stored, and how soon it tries again after a failure.
    /// </summary>
    public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many due messages one transaction moves to the outbox.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>How long a cancellation that found no schedule is remembered, so that its schedule, arriving late, is dropped.</summary>
    public TimeSpan CancellationRetention { get; set; } = TimeSpan.FromDays(1);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxPollInterval < TimeSpan.FromMilliseconds(10) || MaxPollInterval > TimeSpan.FromHours(1))
            yield return new ValidationResult($"{Section}:MaxPollInterval must be between 00:00:00.010 and 01:00:00.", [nameof(MaxPollInterval)]);
        if (BatchSize is < 1 or > 10_000)
            yield return new ValidationResult($"{Section}:BatchSize must be between 1 and 10000.", [nameof(BatchSize)]);
        if (CancellationRetention <= TimeSpan.Zero)
            yield return new ValidationResult($"{Section}:CancellationRetention must be positive.", [nameof(CancellationRetention)]);
    }
}
