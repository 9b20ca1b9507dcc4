using System.Collections.Concurrent;
using MassTransit;
using MassTransit.Serialization;
using Microsoft.EntityFrameworkCore;
using Payments.Persistence.Outbox;

namespace Payments.Integration.Tests.Messaging;

/// <summary>Record a payout, then tell two destinations about it (the test picks them: one works, one the broker refuses at first).</summary>
public record RecordPayout(Guid CorrelationId, Uri NotifyAddress, Uri AuditAddress);

public record PayoutNotified(Guid CorrelationId);

public record PayoutAudited(Guid CorrelationId);

/// <summary>A consumer behind the inbox/outbox whose side effect is a row: posting it twice is what must never happen.</summary>
public sealed class PayoutConsumer(PayoutDbContext dbContext) : IConsumer<RecordPayout>
{
    public async Task Consume(ConsumeContext<RecordPayout> context)
    {
        dbContext.Payouts.Add(new Payout { CorrelationId = context.Message.CorrelationId });
        await (await context.GetSendEndpoint(context.Message.NotifyAddress)).Send(new PayoutNotified(context.Message.CorrelationId));
        await (await context.GetSendEndpoint(context.Message.AuditAddress)).Send(new PayoutAudited(context.Message.CorrelationId));
    }
}

public sealed class PayoutConsumerDefinition : ConsumerDefinition<PayoutConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<PayoutConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.UsePaymentsOutbox<PayoutDbContext>(context);
        endpointConfigurator.ConfigureSend(send => send.UseFilter(new RefusedDestinations()));
        // Inside the retry filters: sees every attempt, in memory or redelivered.
        endpointConfigurator.UseFilter(new PayoutAttempts());
    }
}

/// <summary>
/// The broker's refusal of a send, as the RabbitMQ transport reports a publisher nack: a test switches a destination
/// on and off. (A refused exchange would close the consumer's own channel, which MassTransit shares for sends, and test
/// the channel's recovery instead of the outbox.)
/// </summary>
public sealed class RefusedDestinations : IFilter<SendContext>
{
    /// <summary>Queue or exchange names whose messages the broker refuses.</summary>
    public static readonly ConcurrentDictionary<string, bool> Refused = new();

    public Task Send(SendContext context, IPipe<SendContext> next) =>
        // Only the delivery from the outbox (the stored body) reaches the broker; the consumer's send only writes a row.
        context is SendContext<SerializedMessageBody> && context.DestinationAddress is { } destination
            && Refused.ContainsKey(destination.AbsolutePath.Split('/')[^1])
            ? throw new MessageNotAcknowledgedException(destination, "The broker nacked the message")
            : next.Send(context);

    public void Probe(ProbeContext context) => context.CreateFilterScope("refusedDestinations");
}

/// <summary>Every attempt at a RecordPayout: the redelivery count it came with and whether it completed.</summary>
public sealed class PayoutAttempts : IFilter<ConsumeContext>
{
    public static readonly ConcurrentDictionary<Guid, ConcurrentQueue<(int RedeliveryCount, bool Completed)>> ByPayout = new();

    public async Task Send(ConsumeContext context, IPipe<ConsumeContext> next)
    {
        var payout = context.TryGetMessage(out ConsumeContext<RecordPayout>? payoutContext) ? payoutContext.Message.CorrelationId : (Guid?)null;
        var completed = false;
        try
        {
            await next.Send(context);
            completed = true;
        }
        finally
        {
            if (payout is { } id)
                ByPayout.GetOrAdd(id, _ => new()).Enqueue((context.GetRedeliveryCount(), completed));
        }
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("payoutAttempts");
}

public class PayoutDbContext(DbContextOptions<PayoutDbContext> options) : DbContext(options)
{
    public DbSet<Payout> Payouts => Set<Payout>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddTransactionalOutboxEntities();
        modelBuilder.Entity<Payout>().HasKey(x => x.Id);
    }
}

public class Payout
{
    public long Id { get; set; }
    public Guid CorrelationId { get; set; }
}
