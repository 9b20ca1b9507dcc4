using MassTransit;
using Payments.Persistence.Outbox;
using Payments.Sagas.Data;

namespace Payments.Sagas.ZnodeReturn;

/// <summary>
/// The saga's state, its inbox row and the commands it publishes commit in one transaction of <see cref="SagaDbContext"/>; they leave
/// for the bus only after that commit, and a redelivered message is not handled twice.
/// </summary>
public sealed class ZnodeReturnStateDefinition : SagaDefinition<ZnodeReturnState>
{
    protected override void ConfigureSaga(IReceiveEndpointConfigurator endpointConfigurator, ISagaConfigurator<ZnodeReturnState> sagaConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.UsePaymentsOutbox<SagaDbContext>(context);
    }
}
