using System.ComponentModel.DataAnnotations;

namespace Payments.Persistence.BusOutbox;

/// <summary>
/// The <c>Database:Outbox</c> section: how the bus-outbox relay backs off, how long it may hold a claim, and when an
/// undelivered outbox raises the alert. One section for every DbContext of the process; checked at start-up.
/// </summary>
public sealed class BusOutboxOptions : IValidatableObject
{
    public const string Section = "Database:Outbox";

    /// <summary>
    /// The wait after an outbox's first failed attempt, doubled after each further one up to <see cref="MaxRetryDelay"/>;
    /// also the first wait after a pass that found the broker down.
    /// </summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest wait between two attempts of one outbox, and between two passes while the broker is down.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>An outbox still undelivered this long after its commit raises the alert (an Error line, the metric, /health Degraded).</summary>
    public TimeSpan StuckAfter { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How long a relay's claim on an outbox lasts: it sends with no transaction open meanwhile, and stops taking new
    /// messages of the outbox after half of it. A relay that crashed holds the outbox this long.
    /// </summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How many due outboxes one claim takes: they are sent one after the other and recorded in one transaction, so under
    /// load the relay's bookkeeping costs two short transactions per batch instead of two per outbox. A few, not hundreds:
    /// other replicas' relays take the next batch meanwhile, and a relay that crashes holds its whole batch until the lease ends.
    /// </summary>
    public int ClaimBatchSize { get; set; } = 16;

    /// <summary>How often the monitor looks for stuck outboxes (alert, metric, health).</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The wait before attempt <paramref name="attempt"/> + 1 after <paramref name="attempt"/> failed ones (1 or more).</summary>
    public TimeSpan BackOff(int attempt)
    {
        var delay = RetryDelay;
        for (var i = 1; i < attempt && delay < MaxRetryDelay; i++)
            delay *= 2;
        return delay < MaxRetryDelay ? delay : MaxRetryDelay;
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (RetryDelay < TimeSpan.FromMilliseconds(10) || RetryDelay > TimeSpan.FromHours(1))
            yield return new ValidationResult($"{Section}:RetryDelay must be between 00:00:00.010 and 01:00:00; got {RetryDelay}.", [nameof(RetryDelay)]);
        if (MaxRetryDelay < RetryDelay || MaxRetryDelay > TimeSpan.FromDays(1))
            yield return new ValidationResult($"{Section}:MaxRetryDelay must be at least {Section}:RetryDelay and at most 1.00:00:00; got {MaxRetryDelay}.",
                [nameof(MaxRetryDelay)]);
        if (StuckAfter < TimeSpan.FromSeconds(1))
            yield return new ValidationResult($"{Section}:StuckAfter must be at least 00:00:01; got {StuckAfter}.", [nameof(StuckAfter)]);
        if (ClaimLease < TimeSpan.FromSeconds(1) || ClaimLease > TimeSpan.FromHours(1))
            yield return new ValidationResult($"{Section}:ClaimLease must be between 00:00:01 and 01:00:00; got {ClaimLease}.", [nameof(ClaimLease)]);
        if (ClaimBatchSize is < 1 or > 1000)
            yield return new ValidationResult($"{Section}:ClaimBatchSize must be between 1 and 1000; got {ClaimBatchSize}.", [nameof(ClaimBatchSize)]);
        if (CheckInterval < TimeSpan.FromMilliseconds(10) || CheckInterval > TimeSpan.FromHours(1))
            yield return new ValidationResult($"{Section}:CheckInterval must be between 00:00:00.010 and 01:00:00; got {CheckInterval}.", [nameof(CheckInterval)]);
    }
}
