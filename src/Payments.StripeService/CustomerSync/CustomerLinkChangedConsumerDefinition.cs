using MassTransit;
using Payments.Contracts.CustomerSync;
using Payments.Persistence.Outbox;
using Payments.StripeService.Data;

namespace Payments.StripeService.CustomerSync;

/// <summary>The copy is written in the inbox's transaction; copies of one customer are taken one after the other.</summary>
public sealed class CustomerLinkChangedConsumerDefinition : ConsumerDefinition<CustomerLinkChangedConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<CustomerLinkChangedConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.UsePaymentsOutbox<StripeServiceDbContext>(context);
        consumerConfigurator.Message<CustomerLinkChanged>(message => message.UsePartitioner(16, c => c.Message.CorrelationId));
    }
}
