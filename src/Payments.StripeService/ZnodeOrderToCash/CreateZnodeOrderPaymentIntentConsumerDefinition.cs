using MassTransit;
using Payments.Contracts.ZnodeOrderToCash;
using Payments.Persistence.Outbox;
using Payments.StripeService.Data;

namespace Payments.StripeService.ZnodeOrderToCash;

/// <summary>
/// Retries come from the shared policy (AddPaymentsBus: bad order data and Stripe's refusals straight to _error, transient failures
/// retried); the idempotency keys derived from the order number make every retry safe.
/// </summary>
public sealed class CreateZnodeOrderPaymentIntentConsumerDefinition : ConsumerDefinition<CreateZnodeOrderPaymentIntentConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<CreateZnodeOrderPaymentIntentConsumer> consumerConfigurator, IRegistrationContext context)
    {
        // The "created" event leaves only after the commit that marks the command handled; a redelivered MessageId is not handled again.
        endpointConfigurator.UsePaymentsOutbox<StripeServiceDbContext>(context);
        // Two deliveries for one order in this process run one after the other, so the second finds what the first made.
        consumerConfigurator.Message<CreateZnodeOrderPaymentIntent>(message => message.UsePartitioner(16, c => c.Message.CorrelationId));
    }
}
