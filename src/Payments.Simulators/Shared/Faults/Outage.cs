namespace Payments.Simulators.Shared.Faults;

public enum OutageMode
{
    /// <summary>Every call gets 503 (with <see cref="Outage.RetryAfter"/> when set): a server that is up but refuses work.</summary>
    Unavailable,

    /// <summary>Every connection is dropped without an answer: as close to "connection refused" as a listener that stays open (for the control API) can get.</summary>
    DropConnections,
}

/// <summary>A simulator that is down until <see cref="Until"/>.</summary>
public sealed record Outage(DateTimeOffset Until, OutageMode Mode, TimeSpan? RetryAfter);
