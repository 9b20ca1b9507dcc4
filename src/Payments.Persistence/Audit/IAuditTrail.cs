namespace Payments.Persistence.Audit;

/// <summary>Where every write to P21, Znode and Stripe is recorded and read back as one payment's story.</summary>
public interface IAuditTrail
{
    Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken);

    /// <summary>
    /// Records <paramref name="entries"/>, as <see cref="RecordAsync"/> would one by one (a repeat is ignored); an implementation may
    /// commit them together.
    /// </summary>
    async Task RecordAllAsync(IReadOnlyCollection<AuditEntry> entries, CancellationToken cancellationToken)
    {
        foreach (var entry in entries)
            await RecordAsync(entry, cancellationToken);
    }

    /// <summary>
    /// Gives the <see cref="AuditOutcomes.Pending"/> entry this process recorded with <paramref name="completed"/>'s id its outcome, as
    /// <see cref="RecordAsync"/> would; an implementation may go straight to the pending entry instead of reading what is recorded first.
    /// </summary>
    Task CompleteAsync(AuditEntry completed, CancellationToken cancellationToken) => RecordAsync(completed, cancellationToken);

    /// <summary>
    /// Every entry about <paramref name="id"/> (a charge, payment intent, Znode order, P21 order, payout or customer id, or a
    /// correlation key), with the entries of the same conversations, oldest first.
    /// </summary>
    Task<IReadOnlyList<AuditEntry>> StoryAsync(string id, CancellationToken cancellationToken);
}
