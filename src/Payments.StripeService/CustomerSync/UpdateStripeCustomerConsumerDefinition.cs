using MassTransit;
using Payments.Contracts.CustomerSync;
using Payments.Persistence.Outbox;
using Payments.StripeService.Data;

namespace Payments.StripeService.CustomerSync;

/// <summary>
/// Retries come from the shared policy (Stripe's refusals and bad fields to the fault queue, where the saga quarantines the customer;
/// an outage retried with the same idempotency key). The field revisions are stored, and the answer leaves, in the inbox's
/// transaction; two commands for one customer run one after the other.
/// </summary>
public sealed class UpdateStripeCustomerConsumerDefinition : ConsumerDefinition<UpdateStripeCustomerConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<UpdateStripeCustomerConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.UsePaymentsOutbox<StripeServiceDbContext>(context);
        consumerConfigurator.Message<UpdateStripeCustomer>(message => message.UsePartitioner(16, c => c.Message.CorrelationId));
    }
}
