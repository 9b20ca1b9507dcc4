using MassTransit;
using Payments.Persistence.Outbox;
using Payments.ZnodeService.Data;

namespace Payments.ZnodeService.ZnodeOrderToCash;

/// <summary>
/// Every consumer of this flow: behind the inbox/outbox of <see cref="ZnodeServiceDbContext"/> (its event leaves after the commit
/// that marks the command handled; a redelivered MessageId is not handled again), and one message at a time per order in this
/// process, so two deliveries for one order never both miss a note the other is writing. Retries come from the shared policy.
/// </summary>
public abstract class ZnodeConsumerDefinition<TConsumer, TMessage> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer<TMessage>
    where TMessage : class, CorrelatedBy<Guid>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<TConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.UsePaymentsOutbox<ZnodeServiceDbContext>(context);
        consumerConfigurator.Message<TMessage>(message => message.UsePartitioner(16, c => c.Message.CorrelationId));
    }
}
