using MassTransit;
using Payments.Sagas.OrderPayments;

namespace Payments.Sagas;

public static class Extensions
{
    /// <summary>The sagas of this service. Persistence of their state is chosen by the host.</summary>
    public static ISagaRegistrationConfigurator<OrderPaymentState> AddOrderPaymentSaga(this IBusRegistrationConfigurator bus) =>
        bus.AddSagaStateMachine<OrderPaymentStateMachine, OrderPaymentState>();
}
