using MassTransit;
using Payments.Persistence.Outbox;
using Payments.Sagas.Data;

namespace Payments.Sagas.StripeRefund;

/// <summary>
/// The saga's state, its inbox row, the commands it publishes and the rechecks it schedules commit in one transaction of
/// <see cref="SagaDbContext"/>; they leave for the bus only after that commit, and a redelivered message is not handled twice.
/// </summary>
public sealed class RefundStateDefinition : SagaDefinition<RefundState>
{
    protected override void ConfigureSaga(IReceiveEndpointConfigurator endpointConfigurator, ISagaConfigurator<RefundState> sagaConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.UsePaymentsOutbox<SagaDbContext>(context);
    }
}
