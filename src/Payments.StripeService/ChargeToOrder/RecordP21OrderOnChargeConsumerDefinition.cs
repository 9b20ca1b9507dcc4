using MassTransit;
using Payments.Persistence.Outbox;
using Payments.StripeService.Data;

namespace Payments.StripeService.ChargeToOrder;

/// <summary>
/// Retries come from the shared policy (AddPaymentsBus: permanent Stripe refusals straight to _error, transient ones
/// retried); each attempt reads the charge back before writing, with an idempotency key of its own.
/// </summary>
public sealed class RecordP21OrderOnChargeConsumerDefinition : ConsumerDefinition<RecordP21OrderOnChargeConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<RecordP21OrderOnChargeConsumer> consumerConfigurator, IRegistrationContext context)
    {
        // The "recorded" event leaves only after the commit that marks the command handled; a redelivered MessageId is
        // not handled again.
        endpointConfigurator.UsePaymentsOutbox<StripeServiceDbContext>(context);
    }
}
