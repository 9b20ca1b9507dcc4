using MassTransit;
using MassTransit.Middleware;
using MassTransit.Middleware.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Payments.Persistence.Outbox;

/// <summary>
/// The consume context a consumer or saga sees inside the outbox: what it sends or publishes becomes
/// <see cref="OutboxMessage"/> rows in the open transaction, and the inbox row records how far this message got.
/// </summary>
sealed class DbContextOutboxConsumeContext<TMessage> : OutboxConsumeContextProxy<TMessage>, DbTransactionContext
    where TMessage : class
{
    readonly DbContext _dbContext;
    readonly InboxState _inbox;
    readonly IDbContextTransaction _transaction;
    readonly List<OutboxMessage> _sent = [];

    public DbContextOutboxConsumeContext(ConsumeContext<TMessage> context, OutboxConsumeOptions options, IServiceProvider provider,
        DbContext dbContext, IDbContextTransaction transaction, InboxState inbox)
        : base(context, options, provider)
    {
        _dbContext = dbContext;
        _transaction = transaction;
        _inbox = inbox;
    }

    public Guid TransactionId => _transaction.TransactionId;

    public DbContext DbContext => _dbContext;

    public override Guid? MessageId => _inbox.MessageId;

    public override bool ContinueProcessing { get; set; } = true;

    public override bool IsMessageConsumed => _inbox.Consumed.HasValue;

    public override bool IsOutboxDelivered => _inbox.Delivered.HasValue;

    public override int ReceiveCount => _inbox.ReceiveCount;

    /// <summary>The messages the handler sent or published in this transaction (their rows get their SequenceNumber on save).</summary>
    public IReadOnlyList<OutboxMessage> Sent
    {
        get
        {
            lock (_sent)
                return [.. _sent];
        }
    }

    public override long? LastSequenceNumber => _inbox.LastSequenceNumber;

    public override async Task SetConsumed()
    {
        _inbox.Consumed = DateTime.UtcNow;
        // A handler that sent nothing has nothing to deliver: the inbox row is finished in this same transaction, instead of a
        // second one that would only find no messages and mark it delivered.
        bool sentNothing;
        lock (_sent)
            sentNothing = _sent.Count == 0;
        if (sentNothing)
        {
            _inbox.Delivered = _inbox.Consumed;
            ContinueProcessing = false;
        }
        await _dbContext.SaveChangesAsync(CancellationToken);
    }

    public override async Task SetDelivered()
    {
        _inbox.Delivered = DateTime.UtcNow;
        await _dbContext.SaveChangesAsync(CancellationToken);

        // When the handler ran in this delivery the receive is already acknowledged: clean up in this transaction
        // instead of one more. A redelivery (handler skipped) still takes the pipe's last step, which acknowledges it.
        if (ReceiveContext.IsDelivered)
        {
            await RemoveOutboxMessages();
            ContinueProcessing = false;
        }
    }

    public override async Task<List<OutboxMessageContext>> LoadOutboxMessages()
    {
        var after = _inbox.LastSequenceNumber ?? 0;
        var messages = await _dbContext.Set<OutboxMessage>()
            .Where(m => m.InboxMessageId == _inbox.MessageId && m.InboxConsumerId == ConsumerId && m.SequenceNumber > after)
            .OrderBy(m => m.SequenceNumber)
            .Take(Options.MessageDeliveryLimit + 1)
            .AsNoTracking()
            .ToListAsync(CancellationToken);

        foreach (var message in messages)
            message.Deserialize(SerializerContext);
        return messages.Cast<OutboxMessageContext>().ToList();
    }

    public override Task NotifyOutboxMessageDelivered(OutboxMessageContext message)
    {
        // Saved with SetDelivered or at the end of the pass, in the same transaction as the delivery step.
        _inbox.LastSequenceNumber = message.SequenceNumber;
        return Task.CompletedTask;
    }

    public override async Task RemoveOutboxMessages()
    {
        await _dbContext.Set<OutboxMessage>()
            .Where(m => m.InboxMessageId == _inbox.MessageId && m.InboxConsumerId == ConsumerId)
            .ExecuteDeleteAsync(CancellationToken);
    }

    public override Task AddSend<T>(SendContext<T> context)
    {
        var message = OutboxMessageWriter.AddSend(_dbContext, context, SerializerContext, _inbox.MessageId, ConsumerId);
        lock (_sent)
            _sent.Add(message);
        return Task.CompletedTask;
    }
}
