using MassTransit;
using Payments.Persistence.Outbox;
using Payments.Sagas.Data;

namespace Payments.Sagas.StripeDispute;

/// <summary>
/// The saga's state, its inbox row, the commands it publishes and the alerts and rechecks it schedules commit in one transaction of
/// <see cref="SagaDbContext"/>; they leave for the bus only after that commit, and a redelivered message is not handled twice.
/// </summary>
public sealed class DisputeStateDefinition : SagaDefinition<DisputeState>
{
    protected override void ConfigureSaga(IReceiveEndpointConfigurator endpointConfigurator, ISagaConfigurator<DisputeState> sagaConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.UsePaymentsOutbox<SagaDbContext>(context);
    }
}
