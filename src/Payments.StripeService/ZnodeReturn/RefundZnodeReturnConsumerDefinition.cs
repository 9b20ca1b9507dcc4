using MassTransit;
using Payments.Persistence.Outbox;
using Payments.StripeService.Data;

namespace Payments.StripeService.ZnodeReturn;

/// <summary>Retries come from the shared policy (AddPaymentsBus: Stripe's refusals straight to _error, transient failures retried). The refund is found by the return number in its metadata or made with the return's idempotency key, so every retry is safe.</summary>
public sealed class RefundZnodeReturnConsumerDefinition : ConsumerDefinition<RefundZnodeReturnConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<RefundZnodeReturnConsumer> consumerConfigurator, IRegistrationContext context)
    {
        // What it publishes leaves only after the commit that marks the message handled (inbox/outbox).
        endpointConfigurator.UsePaymentsOutbox<StripeServiceDbContext>(context);
        // Two deliveries for one charge's risk or one return in this process run one after the other, so the second finds the first's refund.
        consumerConfigurator.Message<Payments.Contracts.ZnodeReturn.RefundZnodeReturn>(message => message.UsePartitioner(16, c => c.Message.CorrelationId));
    }
}
