using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Payments.Persistence.Configuration;
using Payments.Persistence.Scheduling;

namespace Payments.Persistence.Outbox;

/// <summary>
/// Provider-specific row-locking reads for the inbox, the bus outbox and the scheduler, built from the EF model's table
/// and column names. On SQLite there are no row locks: its transactions start with BEGIN IMMEDIATE, which already holds
/// the single write lock for the whole transaction.
/// </summary>
static class LockStatements
{
    /// <summary>Reads (and locks) the InboxState row of one message and consumer; parameters {0} MessageId, {1} ConsumerId.</summary>
    public static string InboxState(DbContext dbContext)
    {
        var (table, column, provider) = Describe<InboxState>(dbContext);
        var where = $"WHERE {column(nameof(Outbox.InboxState.MessageId))} = {{0}} AND {column(nameof(Outbox.InboxState.ConsumerId))} = {{1}}";
        return provider switch
        {
            DatabaseProvider.Postgres => $"SELECT * FROM {table} {where} FOR UPDATE",
            DatabaseProvider.SqlServer => $"SELECT * FROM {table} WITH (UPDLOCK, ROWLOCK) {where}",
            _ => $"SELECT * FROM {table} {where}",
        };
    }

    /// <summary>
    /// Finishes a consumer outbox whose messages were all sent, in one round trip: removes its messages, then marks the inbox
    /// row delivered. Parameters {0} MessageId, {1} ConsumerId, {2} Delivered, {3} LastSequenceNumber, {4} the inbox row's Id.
    /// (PostgreSQL runs a multi-statement command as one implicit transaction.)
    /// On PostgreSQL that transaction commits without waiting for its write-ahead log to reach the disk
    /// (https://www.postgresql.org/docs/current/wal-async-commit.html), as the bus outbox relay's bookkeeping does: the messages
    /// are already with the broker, so a database crash that loses this commit only leaves them stored (and sent again if the
    /// message comes back), never lost. <c>set_config(…, true)</c> lasts until that commit (as <see cref="DatabaseProviderExtensions.SkipCommitFlushAsync"/>'s
    /// <c>SET LOCAL</c> does in an explicit transaction, where it would warn here); the connection's next transaction waits for the disk again.
    /// The same transaction plans without sequential scans (<see cref="BookkeepingSettings"/>): a generic plan made while
    /// <c>OutboxMessage</c> held a page or two made the removal read 90–170 pages of dead rows per call between two vacuums
    /// (end-to-end benchmark, pg_stat_statements, 2026-12-03) where its index reads three.
    /// </summary>
    public static string FinishInboxDelivery(DbContext dbContext)
    {
        var (messages, messageColumn, provider) = Describe<OutboxMessage>(dbContext);
        var (inbox, inboxColumn, _) = Describe<InboxState>(dbContext);
        return (provider == DatabaseProvider.Postgres ? BookkeepingSettings.SetConfig(withoutSequentialScans: true) : "")
               + $"DELETE FROM {messages} WHERE {messageColumn(nameof(OutboxMessage.InboxMessageId))} = {{0}} AND {messageColumn(nameof(OutboxMessage.InboxConsumerId))} = {{1}};"
               + $" UPDATE {inbox} SET {inboxColumn(nameof(Outbox.InboxState.Delivered))} = {{2}}, {inboxColumn(nameof(Outbox.InboxState.LastSequenceNumber))} = {{3}}"
               + $" WHERE {inboxColumn(nameof(Outbox.InboxState.Id))} = {{4}}";
    }

    /// <summary>
    /// Reads (and locks) up to {1} of the oldest outboxes a relay may deliver at {0} (now, UTC): not delivered, not parked,
    /// not backing off, not claimed by a live relay, and not locked by another relay's claim transaction. Its conditions
    /// imply the filter of <see cref="OutboxModelBuilderExtensions.PendingOutboxIndex"/>, so the walk by Created stays
    /// within the outboxes still to deliver.
    /// </summary>
    public static string NextDueOutboxes(DbContext dbContext)
    {
        var (table, column, provider) = Describe<OutboxState>(dbContext);
        var where = $"WHERE {DueOutbox(column)}";
        var order = $"ORDER BY {column(nameof(OutboxState.Created))}";
        return provider switch
        {
            DatabaseProvider.Postgres => $"SELECT * FROM {table} {where} {order} LIMIT {{1}} FOR UPDATE SKIP LOCKED",
            DatabaseProvider.SqlServer => $"SELECT TOP ({{1}}) * FROM {table} WITH (UPDLOCK, ROWLOCK, READPAST) {where} {order}",
            _ => $"SELECT * FROM {table} {where} {order} LIMIT {{1}}",
        };
    }

    /// <summary>
    /// Reads (and locks) the outboxes {0} (an array of ids) that no other relay's claim transaction holds, by key alone: the caller
    /// keeps those due (<see cref="NextDueOutboxes"/>'s conditions), since with them in the statement PostgreSQL's planner may take
    /// the pending-outbox index instead of the key. Null on the providers where the relay does not claim by key
    /// (<see cref="BusOutbox.BusOutboxRelay{TContext}.DeliverCommitted"/> says why).
    /// </summary>
    public static string? OutboxesByKey(DbContext dbContext)
    {
        var (table, column, provider) = Describe<OutboxState>(dbContext);
        return provider == DatabaseProvider.Postgres
            ? $"SELECT * FROM {table} WHERE {column(nameof(OutboxState.OutboxId))} = ANY({{0}}) ORDER BY {column(nameof(OutboxState.Created))} FOR UPDATE SKIP LOCKED"
            : null;
    }

    /// <summary>Not delivered, not parked, not backing off at {0}, not claimed by a live relay at {0}.</summary>
    static string DueOutbox(Func<string, string> column) =>
        $"{column(nameof(OutboxState.Delivered))} IS NULL AND {column(nameof(OutboxState.ParkedAt))} IS NULL"
        + $" AND ({column(nameof(OutboxState.NextAttemptAt))} IS NULL OR {column(nameof(OutboxState.NextAttemptAt))} <= {{0}})"
        + $" AND ({column(nameof(OutboxState.ClaimedUntil))} IS NULL OR {column(nameof(OutboxState.ClaimedUntil))} <= {{0}})";

    /// <summary>
    /// Reads (and locks) up to {1} scheduled messages due at {0}, earliest first, that no other dispatcher holds.
    /// </summary>
    public static string DueScheduledMessages(DbContext dbContext)
    {
        var (table, column, provider) = Describe<ScheduledMessage>(dbContext, nameof(SchedulerModelBuilderExtensions.AddScheduledMessageEntity));
        var where = $"WHERE {column(nameof(ScheduledMessage.DueTime))} <= {{0}}";
        var order = $"ORDER BY {column(nameof(ScheduledMessage.DueTime))}";
        return provider switch
        {
            DatabaseProvider.Postgres => $"SELECT * FROM {table} {where} {order} LIMIT {{1}} FOR UPDATE SKIP LOCKED",
            DatabaseProvider.SqlServer => $"SELECT TOP ({{1}}) * FROM {table} WITH (UPDLOCK, ROWLOCK, READPAST) {where} {order}",
            _ => $"SELECT * FROM {table} {where} {order} LIMIT {{1}}",
        };
    }

    /// <summary>The delimited table of <typeparamref name="T"/> in <paramref name="dbContext"/>'s model, its columns by property name, and the provider.</summary>
    internal static (string Table, Func<string, string> Column, DatabaseProvider Provider) Describe<T>(DbContext dbContext,
        string modelBuilderCall = nameof(OutboxModelBuilderExtensions.AddTransactionalOutboxEntities))
    {
        var entity = dbContext.Model.FindEntityType(typeof(T))
            ?? throw new InvalidOperationException($"{dbContext.GetType().Name} does not map {typeof(T).Name}: call modelBuilder.{modelBuilderCall}().");
        var sql = dbContext.GetService<ISqlGenerationHelper>();
        var tableName = entity.GetTableName()!;
        var schema = entity.GetSchema();
        var store = StoreObjectIdentifier.Table(tableName, schema);
        return (sql.DelimitIdentifier(tableName, schema),
            property => sql.DelimitIdentifier(entity.FindProperty(property)!.GetColumnName(store)!),
            dbContext.Database.GetDatabaseProvider());
    }
}
