using MassTransit;
using Payments.Contracts.CustomerSync;
using Payments.P21Service.Data;
using Payments.Persistence.Outbox;

namespace Payments.P21Service.CustomerSync;

/// <summary>The copy is written in the inbox's commit; changes of one customer one at a time (its row is also written by the sync commands).</summary>
public sealed class CustomerLinkChangedConsumerDefinition : ConsumerDefinition<CustomerLinkChangedConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<CustomerLinkChangedConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.UsePaymentsOutbox<P21ServiceDbContext>(context);
        consumerConfigurator.Message<CustomerLinkChanged>(message => message.UsePartitioner(16, c => c.Message.CorrelationId));
    }
}
