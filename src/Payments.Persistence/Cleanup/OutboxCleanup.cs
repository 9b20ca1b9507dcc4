using Microsoft.EntityFrameworkCore;
using Payments.Persistence.Outbox;

namespace Payments.Persistence.Cleanup;

/// <summary>
/// Deletes inbox/outbox rows whose work is finished and older than the retention window: delivered bus outboxes
/// (with their messages), inbox rows whose outbox was delivered, and inbox rows of messages that never completed
/// (their transaction rolled back, so they own no messages). Rows with undelivered messages are never touched.
/// </summary>
public static class OutboxCleanup
{
    public static async Task<CleanupResult> RemoveExpiredAsync(DbContext dbContext, DateTime cutoff, CancellationToken cancellationToken = default)
    {
        var outboxMessages = await dbContext.Set<OutboxMessage>()
            .Where(m => m.OutboxId != null
                && dbContext.Set<OutboxState>().Any(o => o.OutboxId == m.OutboxId && o.Delivered != null && o.Delivered < cutoff))
            .ExecuteDeleteAsync(cancellationToken);
        var outboxes = await dbContext.Set<OutboxState>()
            .Where(o => o.Delivered != null && o.Delivered < cutoff)
            .ExecuteDeleteAsync(cancellationToken);

        var inboxMessages = await dbContext.Set<OutboxMessage>()
            .Where(m => m.InboxMessageId != null
                && dbContext.Set<InboxState>().Any(i => i.MessageId == m.InboxMessageId && i.ConsumerId == m.InboxConsumerId
                    && ((i.Delivered != null && i.Delivered < cutoff) || (i.Consumed == null && i.Received < cutoff))))
            .ExecuteDeleteAsync(cancellationToken);
        var inboxes = await dbContext.Set<InboxState>()
            .Where(i => (i.Delivered != null && i.Delivered < cutoff) || (i.Consumed == null && i.Received < cutoff))
            .ExecuteDeleteAsync(cancellationToken);

        return new CleanupResult(inboxes, outboxes, outboxMessages + inboxMessages);
    }
}

public readonly record struct CleanupResult(int InboxStates, int OutboxStates, int OutboxMessages);
