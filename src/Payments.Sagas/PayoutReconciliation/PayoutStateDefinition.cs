using MassTransit;
using Payments.Persistence.Outbox;
using Payments.Sagas.Data;

namespace Payments.Sagas.PayoutReconciliation;

/// <summary>
/// The saga's state, its inbox row, the commands and alerts it publishes and the settlement alert it schedules commit in one transaction of
/// <see cref="SagaDbContext"/>; they leave for the bus only after that commit, and a redelivered message is not handled twice.
/// </summary>
public sealed class PayoutStateDefinition : SagaDefinition<PayoutState>
{
    protected override void ConfigureSaga(IReceiveEndpointConfigurator endpointConfigurator, ISagaConfigurator<PayoutState> sagaConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.UsePaymentsOutbox<SagaDbContext>(context);
    }
}
