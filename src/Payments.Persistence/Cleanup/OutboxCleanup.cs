using Microsoft.EntityFrameworkCore;
using Payments.Persistence.Outbox;

namespace Payments.Persistence.Cleanup;

/// <summary>
/// Removes inbox/outbox rows whose work is finished and older than a cutoff, a batch per transaction, each batch found
/// through an index: inbox rows delivered before the cutoff (by <c>Delivered</c>) with any message they still own, and
/// bus outboxes an earlier relay marked delivered and kept (by <c>Created</c>; the relay now removes them at delivery).
/// Undelivered rows are never touched. (An inbox row is committed only with its consumer's work, so there are no
/// unconsumed inbox rows to look for.)
/// </summary>
public static class OutboxCleanup
{
    /// <summary>Every expired row, batch after batch.</summary>
    public static async Task<CleanupResult> RemoveExpiredAsync(DbContext dbContext, DateTime cutoff, int batchSize = 1000,
        CancellationToken cancellationToken = default)
    {
        var result = default(CleanupResult);
        CleanupResult batch;
        do
        {
            batch = await RemoveInboxBatchAsync(dbContext, cutoff, batchSize, cancellationToken);
            result += batch;
        }
        while (batch.InboxStates >= batchSize);

        do
        {
            batch = await RemoveDeliveredBusOutboxBatchAsync(dbContext, cutoff, batchSize, cancellationToken);
            result += batch;
        }
        while (batch.OutboxStates >= batchSize);
        return result;
    }

    /// <summary>
    /// At most <paramref name="batchSize"/> of the oldest inbox rows delivered before <paramref name="cutoff"/>, with the
    /// messages they still own (left when a process stopped between marking delivery and removing them).
    /// </summary>
    public static async Task<CleanupResult> RemoveInboxBatchAsync(DbContext dbContext, DateTime cutoff, int batchSize,
        CancellationToken cancellationToken = default)
    {
        // A range of the Delivered index; the deletes then go by key (Id) and by the messages' inbox index (InboxMessageId first).
        var batch = await dbContext.Set<InboxState>()
            .Where(i => i.Delivered < cutoff)
            .OrderBy(i => i.Delivered)
            .Select(i => new { i.Id, i.MessageId })
            .Take(batchSize)
            .ToListAsync(cancellationToken);
        if (batch.Count == 0)
            return default;
        var ids = batch.Select(i => i.Id).ToList();
        var messageIds = batch.Select(i => (Guid?)i.MessageId).Distinct().ToList();

        await using var transaction = await dbContext.Database.BeginTransactionAsync(cancellationToken);
        // A local, not dbContext.Set<T>() inside the query, which EF's funcletizer would compile on every execution.
        var inboxStates = dbContext.Set<InboxState>();
        var messages = await dbContext.Set<OutboxMessage>()
            .Where(m => messageIds.Contains(m.InboxMessageId)
                        && inboxStates.Any(i => ids.Contains(i.Id) && i.MessageId == m.InboxMessageId && i.ConsumerId == m.InboxConsumerId))
            .ExecuteDeleteAsync(cancellationToken);
        var inboxes = await inboxStates.Where(i => ids.Contains(i.Id)).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new CleanupResult(inboxes, 0, messages);
    }

    /// <summary>At most <paramref name="batchSize"/> of the oldest bus outboxes marked delivered before <paramref name="cutoff"/>, with their messages.</summary>
    public static async Task<CleanupResult> RemoveDeliveredBusOutboxBatchAsync(DbContext dbContext, DateTime cutoff, int batchSize,
        CancellationToken cancellationToken = default)
    {
        // Delivered comes after Created, so these are among the outboxes created before the cutoff: a range of the Created index.
        var ids = await dbContext.Set<OutboxState>()
            .Where(o => o.Created < cutoff && o.Delivered < cutoff)
            .OrderBy(o => o.Created)
            .Select(o => o.OutboxId)
            .Take(batchSize)
            .ToListAsync(cancellationToken);
        if (ids.Count == 0)
            return default;

        await using var transaction = await dbContext.Database.BeginTransactionAsync(cancellationToken);
        var messages = await dbContext.Set<OutboxMessage>()
            .Where(m => m.OutboxId != null && ids.Contains(m.OutboxId.Value))
            .ExecuteDeleteAsync(cancellationToken);
        var outboxes = await dbContext.Set<OutboxState>()
            .Where(o => ids.Contains(o.OutboxId) && o.Delivered != null)
            .ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new CleanupResult(0, outboxes, messages);
    }
}

public readonly record struct CleanupResult(int InboxStates, int OutboxStates, int OutboxMessages)
{
    public static CleanupResult operator +(CleanupResult a, CleanupResult b) =>
        new(a.InboxStates + b.InboxStates, a.OutboxStates + b.OutboxStates, a.OutboxMessages + b.OutboxMessages);
}

/// <summary>Inbox rows (with messages they still own) delivered longer than <c>Database:Cleanup:Retention</c> ago.</summary>
sealed class InboxSweep<TContext>(Microsoft.Extensions.Options.IOptions<OutboxCleanupOptions<TContext>> options) : ICleanupSweep<TContext>
    where TContext : DbContext
{
    public string Name => "delivered inbox rows";

    public async Task<int> RemoveBatchAsync(TContext dbContext, DateTime utcNow, int batchSize, CancellationToken cancellationToken) =>
        (await OutboxCleanup.RemoveInboxBatchAsync(dbContext, utcNow - options.Value.Retention, batchSize, cancellationToken)).InboxStates;
}

/// <summary>Bus outboxes an earlier relay marked delivered and kept, older than <c>Database:Cleanup:Retention</c>.</summary>
sealed class DeliveredBusOutboxSweep<TContext>(Microsoft.Extensions.Options.IOptions<OutboxCleanupOptions<TContext>> options) : ICleanupSweep<TContext>
    where TContext : DbContext
{
    public string Name => "delivered bus outboxes";

    public async Task<int> RemoveBatchAsync(TContext dbContext, DateTime utcNow, int batchSize, CancellationToken cancellationToken) =>
        (await OutboxCleanup.RemoveDeliveredBusOutboxBatchAsync(dbContext, utcNow - options.Value.Retention, batchSize, cancellationToken)).OutboxStates;
}
