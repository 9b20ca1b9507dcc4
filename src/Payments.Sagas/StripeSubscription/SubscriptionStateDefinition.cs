using MassTransit;
using Payments.Persistence.Outbox;
using Payments.Sagas.Data;

namespace Payments.Sagas.StripeSubscription;

/// <summary>
/// The subscription's state, its inbox row and the commands and alerts it publishes commit in one transaction of <see cref="SagaDbContext"/>;
/// they leave for the bus only after that commit, and a redelivered message is not handled twice.
/// </summary>
public sealed class SubscriptionStateDefinition : SagaDefinition<SubscriptionState>
{
    protected override void ConfigureSaga(IReceiveEndpointConfigurator endpointConfigurator, ISagaConfigurator<SubscriptionState> sagaConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.UsePaymentsOutbox<SagaDbContext>(context);
    }
}
