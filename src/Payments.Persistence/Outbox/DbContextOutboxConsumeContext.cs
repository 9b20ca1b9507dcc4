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

    public override long? LastSequenceNumber => _inbox.LastSequenceNumber;

    public override async Task SetConsumed()
    {
        _inbox.Consumed = DateTime.UtcNow;
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
        OutboxMessageWriter.AddSend(_dbContext, context, SerializerContext, _inbox.MessageId, ConsumerId);
        return Task.CompletedTask;
    }
}
