using Microsoft.EntityFrameworkCore;
using Payments.Persistence.Outbox;

namespace Payments.Persistence.BusOutbox;

/// <summary>
/// What an operator does with undelivered bus outboxes (<c>payments outbox list|retry|park</c>): list them, oldest first,
/// with why they are waiting; retry one (or every failed and parked one) at the relay's next pass; park one, so no relay
/// tries it again until it is retried. Works on any database with the outbox tables, whichever service owns it.
/// </summary>
public static class OutboxAdministration
{
    /// <summary>At most <paramref name="max"/> undelivered outboxes, oldest first.</summary>
    public static Task<List<UndeliveredOutbox>> ListAsync(DbContext dbContext, int max, CancellationToken cancellationToken = default) =>
        dbContext.Set<OutboxState>()
            .Where(o => o.Delivered == null)
            .OrderBy(o => o.Created)
            .Take(max)
            .Select(o => new UndeliveredOutbox(o.OutboxId, o.Created,
                dbContext.Set<OutboxMessage>().Count(m => m.OutboxId == o.OutboxId),
                o.DeliveryAttempts, o.NextAttemptAt, o.LastError, o.ClaimedUntil, o.ParkedAt))
            .AsNoTracking()
            .ToListAsync(cancellationToken);

    /// <summary>How many outboxes are undelivered in all (the list may show fewer).</summary>
    public static Task<int> CountAsync(DbContext dbContext, CancellationToken cancellationToken = default) =>
        dbContext.Set<OutboxState>().CountAsync(o => o.Delivered == null, cancellationToken);

    /// <summary>
    /// Makes <paramref name="outboxId"/> (or, when null, every outbox that failed an attempt or is parked) due at once:
    /// unparked, its attempts and back-off cleared (its last error stays, for the record). Returns how many changed.
    /// </summary>
    public static Task<int> RetryAsync(DbContext dbContext, Guid? outboxId, CancellationToken cancellationToken = default)
    {
        var outboxes = dbContext.Set<OutboxState>().Where(o => o.Delivered == null);
        outboxes = outboxId is { } id
            ? outboxes.Where(o => o.OutboxId == id)
            : outboxes.Where(o => o.ParkedAt != null || o.DeliveryAttempts > 0 || o.NextAttemptAt != null);
        return outboxes.ExecuteUpdateAsync(s => s
            .SetProperty(o => o.ParkedAt, (DateTime?)null)
            .SetProperty(o => o.DeliveryAttempts, 0)
            .SetProperty(o => o.NextAttemptAt, (DateTime?)null), cancellationToken);
    }

    /// <summary>Parks <paramref name="outboxId"/> at <paramref name="now"/>: kept with its messages, never sent until retried. 0 when no such undelivered outbox.</summary>
    public static Task<int> ParkAsync(DbContext dbContext, Guid outboxId, DateTime now, CancellationToken cancellationToken = default) =>
        dbContext.Set<OutboxState>()
            .Where(o => o.OutboxId == outboxId && o.Delivered == null)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.ParkedAt, now), cancellationToken);
}

/// <summary>One undelivered bus outbox as an operator sees it.</summary>
public sealed record UndeliveredOutbox(
    Guid OutboxId,
    DateTime Created,
    int Messages,
    int DeliveryAttempts,
    DateTime? NextAttemptAt,
    string? LastError,
    DateTime? ClaimedUntil,
    DateTime? ParkedAt)
{
    /// <summary>Why it waits at <paramref name="now"/>: parked, sending (a relay holds it), backing off, or due.</summary>
    public string StateAt(DateTime now) =>
        ParkedAt != null ? "parked"
        : ClaimedUntil > now ? "sending"
        : NextAttemptAt > now ? "backing off"
        : "due";
}
