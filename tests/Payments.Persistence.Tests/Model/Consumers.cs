using System.Collections.Concurrent;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Payments.Persistence.Tests.Model;

public class LedgerConsumer(TestDbContext dbContext) : IConsumer<PostLedgerEntry>
{
    public async Task Consume(ConsumeContext<PostLedgerEntry> context)
    {
        dbContext.LedgerEntries.Add(new LedgerEntry { CorrelationId = context.Message.CorrelationId, Amount = context.Message.Amount });
        await context.Publish(new LedgerEntryPosted(context.Message.CorrelationId, context.Message.Amount));
        await dbContext.SaveChangesAsync(context.CancellationToken);

        if (context.Message.FailAfterPublish)
            throw new InvalidOperationException("The ledger refused the entry after it was published");
    }
}

/// <summary>One observation of a delivered message, with whether the sender's writes were already committed.</summary>
public record Delivery(Guid CorrelationId, object Message, bool SenderCommitted);

public sealed class DeliveryLog
{
    public ConcurrentQueue<Delivery> Deliveries { get; } = new();

    public IReadOnlyList<Delivery> For(Guid correlationId) => Deliveries.Where(d => d.CorrelationId == correlationId).ToList();

    public async Task<IReadOnlyList<Delivery>> WaitFor(Guid correlationId, int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (For(correlationId).Count < count && DateTime.UtcNow < deadline)
            await Task.Delay(25);
        return For(correlationId);
    }
}

/// <summary>Records what reaches the broker, checking with a fresh DbContext that the sender's transaction had committed.</summary>
public class DeliveryRecorder(DeliveryLog log, IServiceScopeFactory scopeFactory) :
    IConsumer<LedgerEntryPosted>,
    IConsumer<WebhookAccepted>,
    IConsumer<OrderOpened>
{
    public async Task Consume(ConsumeContext<LedgerEntryPosted> context)
    {
        var committed = await Committed(db => db.LedgerEntries.AnyAsync(x => x.CorrelationId == context.Message.CorrelationId));
        log.Deliveries.Enqueue(new Delivery(context.Message.CorrelationId, context.Message, committed));
    }

    public async Task Consume(ConsumeContext<WebhookAccepted> context)
    {
        var committed = await Committed(db => db.WebhookRecords.AnyAsync(x => x.EventId == context.Message.CorrelationId.ToString()));
        log.Deliveries.Enqueue(new Delivery(context.Message.CorrelationId, context.Message, committed));
    }

    public async Task Consume(ConsumeContext<OrderOpened> context)
    {
        var committed = await Committed(db => db.Set<OrderState>().AnyAsync(x => x.CorrelationId == context.Message.CorrelationId));
        log.Deliveries.Enqueue(new Delivery(context.Message.CorrelationId, context.Message, committed));
    }

    async Task<bool> Committed(Func<TestDbContext, Task<bool>> query)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<TestDbContext>());
    }
}

public class DeliveryRecorderDefinition : ConsumerDefinition<DeliveryRecorder>
{
    // One at a time, so the arrival order is the delivery order.
    public DeliveryRecorderDefinition() => ConcurrentMessageLimit = 1;
}
