using MassTransit;
using Payments.Persistence.Outbox;
using Payments.StripeService.Data;

namespace Payments.StripeService.StripeRefund;

/// <summary>Retries come from the shared policy (AddPaymentsBus: Stripe's refusals straight to _error, transient failures retried). Reads only: a redelivered MessageId is not handled again, and a repeat would publish the same facts.</summary>
public sealed class DescribeRefundedChargeConsumerDefinition : ConsumerDefinition<DescribeRefundedChargeConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<DescribeRefundedChargeConsumer> consumerConfigurator, IRegistrationContext context)
    {
        // What it publishes leaves only after the commit that marks the message handled (inbox/outbox).
        endpointConfigurator.UsePaymentsOutbox<StripeServiceDbContext>(context);
    }
}
