namespace Payments.Domain.Disputes;

/// <summary>Where the dispute rests once the plan's steps are done.</summary>
public enum DisputeOutcome
{
    /// <summary>Steps asked for are still on their way.</summary>
    InProgress,
    /// <summary>An inquiry: nothing booked, nothing held.</summary>
    Inquiry,
    /// <summary>An open dispute with its withdrawal booked and the order held.</summary>
    Open,
    /// <summary>Won, but Stripe has not reported the reinstatement yet: nothing to release until it is booked.</summary>
    AwaitingReinstatement,
    Won,
    Lost,
    Closed,
}

/// <summary>What to do now for a dispute: the balance transactions to book, whether to hold or release the order, and where it then rests.</summary>
public sealed record DisputePlan(DisputePhase Phase, IReadOnlyList<DisputeTransaction> Book, bool Hold, bool Release, DisputeOutcome Outcome)
{
    public bool Acts => Book.Count > 0 || Hold || Release;
}
