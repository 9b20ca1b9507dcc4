using Microsoft.EntityFrameworkCore;
using Payments.Persistence.Migrations;
using Payments.Persistence.Outbox;
using Payments.Persistence.Sagas;
using Payments.Persistence.Scheduling;
using Payments.Sagas.ChargeToOrder;
using Payments.Sagas.CustomerSync;
using Payments.Sagas.PaymentRisk;
using Payments.Sagas.PayoutReconciliation;
using Payments.Sagas.StripeDispute;
using Payments.Sagas.StripeRefund;
using Payments.Sagas.StripeSubscription;
using Payments.Sagas.ZnodeOrderToCash;
using Payments.Sagas.ZnodeReturn;

namespace Payments.Sagas.Data;

/// <summary>
/// The sagas' state (one table per saga type), the inbox/outbox that commits what a saga publishes with its state, and
/// the scheduler's <c>ScheduledMessage</c> table (saga timeouts and reminders).
/// </summary>
public sealed class SagaDbContext(DbContextOptions<SagaDbContext> options) : DbContext(options)
{
    public const string ConnectionStringName = "Sagas";

    public DbSet<OrderPaymentState> OrderPayments => Set<OrderPaymentState>();
    public DbSet<ZnodeOrderState> ZnodeOrders => Set<ZnodeOrderState>();
    public DbSet<RefundState> Refunds => Set<RefundState>();
    public DbSet<ZnodeReturnState> ZnodeReturns => Set<ZnodeReturnState>();
    public DbSet<DisputeState> Disputes => Set<DisputeState>();
    public DbSet<ChargeRiskState> ChargeRisks => Set<ChargeRiskState>();
    public DbSet<PayoutState> Payouts => Set<PayoutState>();
    public DbSet<CustomerState> Customers => Set<CustomerState>();
    public DbSet<SubscriptionState> Subscriptions => Set<SubscriptionState>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddTransactionalOutboxEntities();
        modelBuilder.AddScheduledMessageEntity();
        modelBuilder.AddSagaClassMap(new OrderPaymentStateMap());
        modelBuilder.AddSagaClassMap(new ZnodeOrderStateMap());
        modelBuilder.AddSagaClassMap(new RefundStateMap());
        modelBuilder.AddSagaClassMap(new ZnodeReturnStateMap());
        modelBuilder.AddSagaClassMap(new DisputeStateMap());
        modelBuilder.AddSagaClassMap(new ChargeRiskStateMap());
        modelBuilder.AddSagaClassMap(new PayoutStateMap());
        modelBuilder.AddSagaClassMap(new CustomerStateMap());
        modelBuilder.AddSagaClassMap(new SubscriptionStateMap());
    }
}

/// <summary>For <c>dotnet ef</c> (src/Payments.Persistence/add-migration.sh src/Payments.Sagas SagaDbContext Name).</summary>
public sealed class SagaDbContextFactory : PaymentsDesignTimeDbContextFactory<SagaDbContext>;
