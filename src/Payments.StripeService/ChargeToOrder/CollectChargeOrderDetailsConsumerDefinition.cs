using MassTransit;
using Payments.Persistence.Outbox;
using Payments.StripeService.Data;

namespace Payments.StripeService.ChargeToOrder;

/// <summary>
/// Retries from the shared policy (a Stripe outage is transient; no lines anywhere, or a line mapped to no P21 item, is permanent and goes
/// straight to _error with the reason). The "collected" event leaves after the commit that marks the command handled.
/// </summary>
public sealed class CollectChargeOrderDetailsConsumerDefinition : ConsumerDefinition<CollectChargeOrderDetailsConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<CollectChargeOrderDetailsConsumer> consumerConfigurator, IRegistrationContext context) =>
        endpointConfigurator.UsePaymentsOutbox<StripeServiceDbContext>(context);
}
