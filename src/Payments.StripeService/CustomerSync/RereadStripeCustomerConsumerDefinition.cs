using MassTransit;
using Payments.Persistence.Outbox;
using Payments.StripeService.Data;

namespace Payments.StripeService.CustomerSync;

/// <summary>The snapshot leaves through the outbox, once per command; Stripe outages are retried by the shared policy.</summary>
public sealed class RereadStripeCustomerConsumerDefinition : ConsumerDefinition<RereadStripeCustomerConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<RereadStripeCustomerConsumer> consumerConfigurator, IRegistrationContext context) =>
        endpointConfigurator.UsePaymentsOutbox<StripeServiceDbContext>(context);
}
