using MassTransit;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Payments.Persistence.Configuration;
using Payments.Persistence.Outbox;
using Payments.Persistence.Sagas;
using Payments.Persistence.Scheduling;
using Payments.Sagas.ChargeToOrder;
using Payments.Sagas.CustomerSync;
using Payments.Sagas.Data;
using Payments.Sagas.Flows;
using Payments.Sagas.PaymentRisk;
using Payments.Sagas.PayoutReconciliation;
using Payments.Sagas.StripeDispute;
using Payments.Sagas.StripeRefund;
using Payments.Sagas.StripeSubscription;
using Payments.Sagas.ZnodeOrderToCash;
using Payments.Sagas.ZnodeReturn;
using Payments.ServiceDefaults.Configuration;
using Payments.ServiceDefaults.Messaging;

namespace Payments.Sagas;

public static class Extensions
{
    /// <summary>
    /// The sagas' database (<c>Database:Provider</c>, <c>ConnectionStrings:Sagas</c>), migrated at start-up, and the flows' settings
    /// (<c>ZnodeOrderToCash</c>, <c>StripeRefund</c>, <c>StripeDispute</c>, <c>PaymentRisk</c>, <c>PayoutReconciliation</c>, <c>CustomerSync</c> with
    /// <c>Customers:Ownership</c>, <c>StripeSubscription</c>), validated at start-up. Call before AddPaymentsBus.
    /// </summary>
    public static IHostApplicationBuilder AddSagasService(this IHostApplicationBuilder builder)
    {
        builder.AddValidatedOptions<ZnodeOrderToCashOptions>(ZnodeOrderToCashOptions.Section);
        builder.AddValidatedOptions<StripeRefundOptions>(StripeRefundOptions.Section);
        builder.AddValidatedOptions<StripeDisputeOptions>(StripeDisputeOptions.Section);
        builder.AddValidatedOptions<PaymentRiskOptions>(PaymentRiskOptions.Section);
        builder.AddValidatedOptions<PayoutReconciliationOptions>(PayoutReconciliationOptions.Section);
        // The ownership is a section of its own (the P21 service reads it too), validated with the customer-sync settings.
        builder.AddValidatedOptions<CustomerSyncOptions>(CustomerSyncOptions.Section)
            .Configure(options => builder.Configuration.GetSection(CustomerSyncOptions.OwnershipSection).Bind(options.Ownership));
        builder.AddValidatedOptions<StripeSubscriptionOptions>(StripeSubscriptionOptions.Section);
        builder.AddPaymentsDbContext<SagaDbContext>(SagaDbContext.ConnectionStringName);
        builder.Services.AddFlowMetrics();
        return builder;
    }

    /// <summary>
    /// The sagas on the EF repository in <see cref="SagaDbContext"/>, each endpoint behind its inbox/outbox, and the
    /// durable message scheduler their <c>Schedule</c>/<c>Unschedule</c> use, hosted on the same database (docs/scheduler.md).
    /// </summary>
    public static void AddSagas(this IBusRegistrationConfigurator bus)
    {
        bus.TryAddSingleton(TimeProvider.System);
        bus.AddPaymentsOutbox<SagaDbContext>();
        bus.AddPaymentsScheduler<SagaDbContext>();
        bus.AddPaymentsMessageScheduler(SchedulerEndpoint.Address);
        bus.AddSagaStateMachine<OrderPaymentStateMachine, OrderPaymentState, OrderPaymentStateDefinition>()
            .PaymentsEfRepository<OrderPaymentState, SagaDbContext>();
        bus.AddSagaStateMachine<ZnodeOrderStateMachine, ZnodeOrderState, ZnodeOrderStateDefinition>()
            .PaymentsEfRepository<ZnodeOrderState, SagaDbContext>();
        bus.AddSagaStateMachine<RefundStateMachine, RefundState, RefundStateDefinition>()
            .PaymentsEfRepository<RefundState, SagaDbContext>();
        bus.AddSagaStateMachine<ZnodeReturnStateMachine, ZnodeReturnState, ZnodeReturnStateDefinition>()
            .PaymentsEfRepository<ZnodeReturnState, SagaDbContext>();
        bus.AddSagaStateMachine<DisputeStateMachine, DisputeState, DisputeStateDefinition>()
            .PaymentsEfRepository<DisputeState, SagaDbContext>();
        bus.AddSagaStateMachine<ChargeRiskStateMachine, ChargeRiskState, ChargeRiskStateDefinition>()
            .PaymentsEfRepository<ChargeRiskState, SagaDbContext>();
        bus.AddSagaStateMachine<PayoutStateMachine, PayoutState, PayoutStateDefinition>()
            .PaymentsEfRepository<PayoutState, SagaDbContext>();
        bus.AddSagaStateMachine<CustomerStateMachine, CustomerState, CustomerStateDefinition>()
            .PaymentsEfRepository<CustomerState, SagaDbContext>();
        bus.AddSagaStateMachine<SubscriptionStateMachine, SubscriptionState, SubscriptionStateDefinition>()
            .PaymentsEfRepository<SubscriptionState, SagaDbContext>();
    }

    /// <summary>The state machine alone, for specs that pick their own repository (MassTransit's in-memory one).</summary>
    public static ISagaRegistrationConfigurator<OrderPaymentState> AddOrderPaymentSaga(this IBusRegistrationConfigurator bus)
    {
        bus.TryAddSingleton(TimeProvider.System);
        return bus.AddSagaStateMachine<OrderPaymentStateMachine, OrderPaymentState>();
    }

    /// <summary>The Znode order-to-cash state machine alone, for specs that pick their own repository and scheduler.</summary>
    public static ISagaRegistrationConfigurator<ZnodeOrderState> AddZnodeOrderSaga(this IBusRegistrationConfigurator bus)
    {
        bus.TryAddSingleton(TimeProvider.System);
        return bus.AddSagaStateMachine<ZnodeOrderStateMachine, ZnodeOrderState>();
    }

    /// <summary>The stripe-refund state machine alone, for specs that pick their own repository and scheduler.</summary>
    public static ISagaRegistrationConfigurator<RefundState> AddStripeRefundSaga(this IBusRegistrationConfigurator bus)
    {
        bus.TryAddSingleton(TimeProvider.System);
        return bus.AddSagaStateMachine<RefundStateMachine, RefundState>();
    }

    /// <summary>The znode-return state machine alone, for specs that pick their own repository.</summary>
    public static ISagaRegistrationConfigurator<ZnodeReturnState> AddZnodeReturnSaga(this IBusRegistrationConfigurator bus)
    {
        bus.TryAddSingleton(TimeProvider.System);
        return bus.AddSagaStateMachine<ZnodeReturnStateMachine, ZnodeReturnState>();
    }

    /// <summary>The stripe-dispute state machine alone, for specs that pick their own repository and scheduler.</summary>
    public static ISagaRegistrationConfigurator<DisputeState> AddDisputeSaga(this IBusRegistrationConfigurator bus)
    {
        bus.TryAddSingleton(TimeProvider.System);
        return bus.AddSagaStateMachine<DisputeStateMachine, DisputeState>();
    }

    /// <summary>The payment-risk state machine alone, for specs that pick their own repository.</summary>
    public static ISagaRegistrationConfigurator<ChargeRiskState> AddChargeRiskSaga(this IBusRegistrationConfigurator bus)
    {
        bus.TryAddSingleton(TimeProvider.System);
        return bus.AddSagaStateMachine<ChargeRiskStateMachine, ChargeRiskState>();
    }

    /// <summary>The payout-reconciliation state machine alone, for specs that pick their own repository and scheduler.</summary>
    public static ISagaRegistrationConfigurator<PayoutState> AddPayoutSaga(this IBusRegistrationConfigurator bus)
    {
        bus.TryAddSingleton(TimeProvider.System);
        return bus.AddSagaStateMachine<PayoutStateMachine, PayoutState>();
    }

    /// <summary>The customer-sync state machine alone, for specs that pick their own repository.</summary>
    public static ISagaRegistrationConfigurator<CustomerState> AddCustomerSaga(this IBusRegistrationConfigurator bus)
    {
        bus.TryAddSingleton(TimeProvider.System);
        return bus.AddSagaStateMachine<CustomerStateMachine, CustomerState>();
    }

    /// <summary>The stripe-subscription state machine alone, for specs that pick their own repository.</summary>
    public static ISagaRegistrationConfigurator<SubscriptionState> AddSubscriptionSaga(this IBusRegistrationConfigurator bus)
    {
        bus.TryAddSingleton(TimeProvider.System);
        return bus.AddSagaStateMachine<SubscriptionStateMachine, SubscriptionState>();
    }
}
