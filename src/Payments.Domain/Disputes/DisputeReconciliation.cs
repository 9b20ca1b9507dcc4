namespace Payments.Domain.Disputes;

/// <summary>
/// Reconciles what is booked for a dispute against the dispute as Stripe reports it now. Stripe's dispute events are snapshots and arrive in any
/// order and more than once (<c>funds_withdrawn</c> before <c>created</c>, <c>closed</c> before <c>funds_reinstated</c>): acting on the
/// snapshot — book every balance transaction not booked yet, by its id; hold while open or lost; release once won and reinstated — reaches
/// the same bookings, exactly once, whatever the order.
/// </summary>
public static class DisputeReconciliation
{
    /// <param name="status">Stripe's dispute status (the newest one seen).</param>
    /// <param name="known">Every balance transaction of the dispute seen so far.</param>
    /// <param name="progress">What the flow asked for and got so far.</param>
    public static DisputePlan Plan(string status, IEnumerable<DisputeTransaction> known, DisputeProgress progress)
    {
        var phase = DisputeStatuses.PhaseOf(status);
        var transactions = known.DistinctBy(t => t.Id).ToList();
        // Withdrawals first: a reinstatement returns what a withdrawal took.
        var book = transactions.Where(t => !progress.Requested.Contains(t.Id) && !progress.Booked.Contains(t.Id))
            .OrderBy(t => t.Kind).ThenBy(t => t.Id, StringComparer.Ordinal).ToList();

        // A lost dispute keeps (or gets) the hold: the goods must not ship. An inquiry holds nothing.
        var hold = phase is DisputePhase.Open or DisputePhase.Lost && progress.HasP21Order && !progress.HoldRequested && !progress.Held;

        var allBooked = transactions.All(t => progress.Booked.Contains(t.Id));
        var reinstated = transactions.Any(t => t.Kind == DisputeBookingKind.Reinstatement && progress.Booked.Contains(t.Id));
        var withdrawn = transactions.Any(t => t.Kind == DisputeBookingKind.Withdrawal);
        // Only a hold the dispute placed is released: a hold someone else placed before it stays as it is.
        var release = phase is DisputePhase.Won or DisputePhase.Closed && progress.Held && progress.PlacedHold && !progress.ReleaseRequested && !progress.Released
            && allBooked && (phase != DisputePhase.Won || reinstated || !withdrawn);

        var pending = book.Count > 0 || hold || release
            || transactions.Any(t => progress.Requested.Contains(t.Id) && !progress.Booked.Contains(t.Id))
            || progress.HoldRequested && !progress.Held
            || progress.ReleaseRequested && !progress.Released;
        var outcome = pending
            ? DisputeOutcome.InProgress
            : phase switch
            {
                DisputePhase.Inquiry => DisputeOutcome.Inquiry,
                DisputePhase.Open => DisputeOutcome.Open,
                DisputePhase.Won when withdrawn && !reinstated => DisputeOutcome.AwaitingReinstatement,
                DisputePhase.Won => DisputeOutcome.Won,
                DisputePhase.Lost => DisputeOutcome.Lost,
                _ => DisputeOutcome.Closed,
            };
        return new DisputePlan(phase, book, hold, release, outcome);
    }
}
