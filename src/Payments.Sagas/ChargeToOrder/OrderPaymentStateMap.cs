using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Payments.Sagas.Flows;

namespace Payments.Sagas.ChargeToOrder;

/// <summary>Table <c>OrderPaymentState</c>, keyed by CorrelationId, with the <c>Version</c> the repository checks.</summary>
public sealed class OrderPaymentStateMap : FlowStateMap<OrderPaymentState>
{
    protected override void ConfigureFlow(EntityTypeBuilder<OrderPaymentState> entity, ModelBuilder model)
    {
        // Stripe ids are at most 255 characters; an index on the charge finds a payment from Stripe's dashboard.
        entity.Property(x => x.ChargeId).HasMaxLength(255);
        entity.Property(x => x.PaymentIntentId).HasMaxLength(255);
        entity.Property(x => x.StripeEventId).HasMaxLength(255);
        entity.Property(x => x.Currency).HasMaxLength(3);
        entity.Property(x => x.CustomerEmail).HasMaxLength(320);
        entity.Property(x => x.P21OrderNo).HasMaxLength(32);
        entity.HasIndex(x => x.ChargeId);
    }
}
