using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Payments.Persistence.Migrations;
using Payments.Persistence.Outbox;
using Payments.Persistence.Sagas;
using Payments.Persistence.Scheduling;
using Payments.Sagas.OrderPayments;

namespace Payments.Sagas.Data;

/// <summary>
/// The sagas' state (one table per saga type), the inbox/outbox that commits what a saga publishes with its state, and
/// the scheduler's <c>ScheduledMessage</c> table (saga timeouts and reminders).
/// </summary>
public sealed class SagaDbContext(DbContextOptions<SagaDbContext> options) : DbContext(options)
{
    public const string ConnectionStringName = "Sagas";

    public DbSet<OrderPaymentState> OrderPayments => Set<OrderPaymentState>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddTransactionalOutboxEntities();
        modelBuilder.AddScheduledMessageEntity();
        modelBuilder.AddSagaClassMap(new OrderPaymentStateMap());
    }
}

/// <summary>Table <c>OrderPaymentState</c>, keyed by CorrelationId, with the <c>Version</c> the repository checks.</summary>
public sealed class OrderPaymentStateMap : SagaClassMap<OrderPaymentState>
{
    protected override void Configure(EntityTypeBuilder<OrderPaymentState> entity, ModelBuilder model)
    {
        entity.Property(x => x.CurrentState).HasMaxLength(64);
        // Stripe ids are at most 255 characters; an index on the charge finds a payment from Stripe's dashboard.
        entity.Property(x => x.ChargeId).HasMaxLength(255);
        entity.Property(x => x.PaymentIntentId).HasMaxLength(255);
        entity.Property(x => x.StripeEventId).HasMaxLength(255);
        entity.Property(x => x.Currency).HasMaxLength(3);
        entity.Property(x => x.CustomerEmail).HasMaxLength(320);
        entity.Property(x => x.P21OrderNo).HasMaxLength(32);
        entity.Property(x => x.FailedStep).HasMaxLength(64);
        entity.HasIndex(x => x.ChargeId);
    }
}

/// <summary>For <c>dotnet ef</c> (src/Payments.Persistence/add-migration.sh src/Payments.Sagas SagaDbContext Name).</summary>
public sealed class SagaDbContextFactory : PaymentsDesignTimeDbContextFactory<SagaDbContext>;
