using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Payments.Sagas.Flows;

namespace Payments.Sagas.ZnodeOrderToCash;

/// <summary>Table <c>ZnodeOrderState</c>, keyed by CorrelationId, with the <c>Version</c> the repository checks.</summary>
public sealed class ZnodeOrderStateMap : FlowStateMap<ZnodeOrderState>
{
    protected override void ConfigureFlow(EntityTypeBuilder<ZnodeOrderState> entity, ModelBuilder model)
    {
        // Znode's order numbers are nvarchar(200); Stripe ids at most 255 characters. Indexes find an order from Znode or Stripe's dashboard.
        entity.Property(x => x.OrderNumber).HasMaxLength(200);
        entity.Property(x => x.ShopperEmail).HasMaxLength(320);
        entity.Property(x => x.OrderCurrency).HasMaxLength(16);
        entity.Property(x => x.OrderTotal).HasPrecision(19, 6);
        entity.Property(x => x.PaymentIntentId).HasMaxLength(255);
        entity.Property(x => x.StripeCustomerId).HasMaxLength(255);
        entity.Property(x => x.Currency).HasMaxLength(3);
        entity.Property(x => x.LastDeclinedChargeId).HasMaxLength(255);
        entity.Property(x => x.LastDeclineCode).HasMaxLength(100);
        entity.Property(x => x.LastDeclineMessage).HasMaxLength(1000);
        entity.Property(x => x.ChargeId).HasMaxLength(255);
        entity.Property(x => x.PaidStripeEventId).HasMaxLength(255);
        entity.Property(x => x.ZnodePaymentStatus).HasMaxLength(64);
        entity.Property(x => x.ZnodeOrderStateName).HasMaxLength(64);
        entity.Property(x => x.P21JournalReference).HasMaxLength(64);
        entity.HasIndex(x => x.OrderNumber);
        entity.HasIndex(x => x.PaymentIntentId);
    }
}
