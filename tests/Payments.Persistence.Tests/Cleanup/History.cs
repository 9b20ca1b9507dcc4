using MassTransit;
using Microsoft.EntityFrameworkCore;
using Payments.Persistence.Configuration;
using Payments.Persistence.Migrations;
using Payments.Persistence.Outbox;
using Payments.Persistence.Tests.Model;
using Payments.Persistence.Tests.Support;

namespace Payments.Persistence.Tests.Cleanup;

/// <summary>Rows as a running service leaves them behind, written straight into the tables.</summary>
static class History
{
    /// <summary>A context on <paramref name="database"/>, migrated, whose commands go to <paramref name="log"/>.</summary>
    public static async Task<TestDbContext> Open(TestDatabase database, CommandLog? log = null)
    {
        var options = new DbContextOptionsBuilder<TestDbContext>();
        options.UsePaymentsProvider(database.Provider, database.ConnectionString);
        if (log != null)
            options.AddInterceptors(log);
        var db = new TestDbContext(options.Options);
        await db.MigratePaymentsDatabaseAsync();
        return db;
    }

    /// <summary>Inbox rows of messages consumed and delivered at <paramref name="delivered"/> (UTC).</summary>
    public static async Task AddDeliveredInbox(TestDbContext db, int count, DateTime delivered)
    {
        for (var i = 0; i < count; i++)
        {
            db.Add(new InboxState
            {
                MessageId = NewId.NextGuid(),
                ConsumerId = NewId.NextGuid(),
                LockId = NewId.NextGuid(),
                Received = delivered.AddSeconds(-1),
                ReceiveCount = 1,
                Consumed = delivered.AddSeconds(-1),
                Delivered = delivered,
            });
        }
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
    }

    /// <summary>A consumer's inbox row that is consumed but whose published message is not delivered yet.</summary>
    public static async Task<Guid> AddUndeliveredInbox(TestDbContext db, DateTime received)
    {
        var inbox = new InboxState
        {
            MessageId = NewId.NextGuid(),
            ConsumerId = NewId.NextGuid(),
            LockId = NewId.NextGuid(),
            Received = received,
            ReceiveCount = 1,
            Consumed = received,
        };
        db.Add(inbox);
        db.Add(Message(received, inboxMessageId: inbox.MessageId, inboxConsumerId: inbox.ConsumerId));
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        return inbox.MessageId;
    }

    /// <summary>Bus outboxes with one message each, as the relay before this version left them: marked delivered and kept.</summary>
    public static async Task AddDeliveredBusOutboxes(TestDbContext db, int count, DateTime delivered)
    {
        for (var i = 0; i < count; i++)
        {
            var outbox = new OutboxState { OutboxId = NewId.NextGuid(), LockId = NewId.NextGuid(), Created = delivered.AddSeconds(-1), Delivered = delivered, LastSequenceNumber = null };
            db.Add(outbox);
            db.Add(Message(delivered, outboxId: outbox.OutboxId));
        }
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
    }

    /// <summary>A bus outbox whose one message is not delivered yet.</summary>
    public static async Task<Guid> AddUndeliveredBusOutbox(TestDbContext db, DateTime created)
    {
        var outbox = new OutboxState { OutboxId = NewId.NextGuid(), LockId = NewId.NextGuid(), Created = created };
        db.Add(outbox);
        db.Add(Message(created, outboxId: outbox.OutboxId));
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        return outbox.OutboxId;
    }

    static OutboxMessage Message(DateTime sent, Guid? outboxId = null, Guid? inboxMessageId = null, Guid? inboxConsumerId = null) => new()
    {
        MessageId = NewId.NextGuid(),
        OutboxId = outboxId,
        InboxMessageId = inboxMessageId,
        InboxConsumerId = inboxConsumerId,
        SentTime = sent,
        ContentType = "application/vnd.masstransit+json",
        MessageType = "urn:message:Payments.Persistence.Tests.Model:WebhookAccepted",
        Body = "{}",
        DestinationAddress = new Uri("loopback://localhost/webhook-accepted"),
    };
}
