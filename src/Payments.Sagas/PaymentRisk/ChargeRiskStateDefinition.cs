using MassTransit;
using Payments.Persistence.Outbox;
using Payments.Sagas.Data;

namespace Payments.Sagas.PaymentRisk;

/// <summary>The saga's state, its inbox row and what it publishes (the decision, the refund, the hold) commit in one transaction of <see cref="SagaDbContext"/>.</summary>
public sealed class ChargeRiskStateDefinition : SagaDefinition<ChargeRiskState>
{
    protected override void ConfigureSaga(IReceiveEndpointConfigurator endpointConfigurator, ISagaConfigurator<ChargeRiskState> sagaConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.UsePaymentsOutbox<SagaDbContext>(context);
    }
}
