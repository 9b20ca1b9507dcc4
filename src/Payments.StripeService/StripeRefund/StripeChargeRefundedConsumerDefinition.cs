using MassTransit;
using Payments.Persistence.Outbox;
using Payments.StripeService.Data;

namespace Payments.StripeService.StripeRefund;

/// <summary>Retries come from the shared policy (AddPaymentsBus: Stripe's refusals straight to _error, transient failures retried). The reports leave only after the commit that marks the event handled; the saga de-duplicates reports of refunds it knows.</summary>
public sealed class StripeChargeRefundedConsumerDefinition : ConsumerDefinition<StripeChargeRefundedConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<StripeChargeRefundedConsumer> consumerConfigurator, IRegistrationContext context)
    {
        // What it publishes leaves only after the commit that marks the message handled (inbox/outbox).
        endpointConfigurator.UsePaymentsOutbox<StripeServiceDbContext>(context);
    }
}
