using MassTransit;
using Payments.Persistence.Outbox;
using Payments.Sagas.Data;

namespace Payments.Sagas.CustomerSync;

/// <summary>
/// The link record, its inbox row and the commands and link copies it publishes commit in one transaction of <see cref="SagaDbContext"/>;
/// they leave for the bus only after that commit. Two updates of one customer at once meet at the row's version: the loser runs again on
/// the winner's record, and the merge, field by field, applies both.
/// </summary>
public sealed class CustomerStateDefinition : SagaDefinition<CustomerState>
{
    protected override void ConfigureSaga(IReceiveEndpointConfigurator endpointConfigurator, ISagaConfigurator<CustomerState> sagaConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.UsePaymentsOutbox<SagaDbContext>(context);
    }
}
