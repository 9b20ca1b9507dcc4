using MassTransit;
using Payments.Persistence.Outbox;
using Payments.StripeService.Data;

namespace Payments.StripeService.StripeDispute;

/// <summary>Retries come from the shared policy (AddPaymentsBus: Stripe's refusals straight to _error, transient failures retried). Reads only: a redelivered MessageId is not handled again.</summary>
public sealed class DescribeDisputedChargeConsumerDefinition : ConsumerDefinition<DescribeDisputedChargeConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<DescribeDisputedChargeConsumer> consumerConfigurator, IRegistrationContext context)
    {
        // What it publishes leaves only after the commit that marks the message handled (inbox/outbox).
        endpointConfigurator.UsePaymentsOutbox<StripeServiceDbContext>(context);
    }
}
