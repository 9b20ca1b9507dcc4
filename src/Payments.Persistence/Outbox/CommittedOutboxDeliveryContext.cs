using MassTransit;
using MassTransit.Middleware;
using MassTransit.Middleware.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Payments.Persistence.Outbox;

/// <summary>
/// Delivers, right after the commit and in the same receive, what the handler just committed to the outbox: the messages are
/// still in memory, so nothing is read back and no transaction or row lock is held while the broker confirms them. When all
/// are handed to the transport, one statement batch removes them and marks the inbox row delivered. A crash or a failed send
/// before that leaves the rows, and the redelivered message sends them (again) through the transactional path, as before:
/// delivery stays at-least-once, and receivers drop a copy by its MessageId.
/// </summary>
sealed class CommittedOutboxDeliveryContext<TMessage> : OutboxConsumeContextProxy<TMessage>
    where TMessage : class
{
    readonly DbContext _dbContext;
    readonly InboxState _inbox;
    readonly IReadOnlyList<OutboxMessage> _messages;
    readonly string _finishStatement;
    long? _lastSequenceNumber;
    bool _delivered;

    public CommittedOutboxDeliveryContext(ConsumeContext<TMessage> context, OutboxConsumeOptions options, IServiceProvider provider,
        DbContext dbContext, InboxState inbox, IReadOnlyList<OutboxMessage> messages, string finishStatement)
        : base(context, options, provider)
    {
        _dbContext = dbContext;
        _inbox = inbox;
        _messages = messages;
        _finishStatement = finishStatement;
    }

    public override Guid? MessageId => _inbox.MessageId;

    public override bool ContinueProcessing { get; set; } = true;

    public override bool IsMessageConsumed => true;

    public override bool IsOutboxDelivered => _delivered;

    public override int ReceiveCount => _inbox.ReceiveCount;

    public override long? LastSequenceNumber => _lastSequenceNumber;

    public override Task SetConsumed() => throw new InvalidOperationException("The message was consumed in the transaction before this delivery.");

    public override async Task SetDelivered()
    {
        // Parameters: {0} MessageId, {1} ConsumerId, {2} Delivered, {3} LastSequenceNumber, {4} the inbox row's Id. One round
        // trip; the messages go first, so a half-applied batch (providers without an implicit batch transaction) never leaves
        // a delivered inbox row that still has messages.
        await _dbContext.Database.ExecuteSqlRawAsync(_finishStatement,
            new object[] { _inbox.MessageId, ConsumerId, DateTime.UtcNow, (object?)_lastSequenceNumber ?? DBNull.Value, _inbox.Id }, CancellationToken);
        _delivered = true;
        // The handler ran in this receive, so the receive is acknowledged already: nothing is left for another step.
        ContinueProcessing = false;
    }

    public override Task<List<OutboxMessageContext>> LoadOutboxMessages()
    {
        var messages = _messages.OrderBy(m => m.SequenceNumber).ToList();
        foreach (var message in messages)
            message.Deserialize(SerializerContext);
        return Task.FromResult(messages.Cast<OutboxMessageContext>().ToList());
    }

    public override Task NotifyOutboxMessageDelivered(OutboxMessageContext message)
    {
        _lastSequenceNumber = message.SequenceNumber;
        return Task.CompletedTask;
    }

    public override Task RemoveOutboxMessages() =>
        _dbContext.Set<OutboxMessage>()
            .Where(m => m.InboxMessageId == _inbox.MessageId && m.InboxConsumerId == ConsumerId)
            .ExecuteDeleteAsync(CancellationToken);

    public override Task AddSend<T>(SendContext<T> context) =>
        throw new InvalidOperationException("Delivering the outbox sends its stored messages only.");
}
