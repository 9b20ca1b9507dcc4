using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Payments.Sagas.Flows;

namespace Payments.Sagas.StripeRefund;

/// <summary>Table <c>RefundState</c>, keyed by CorrelationId, with the <c>Version</c> the repository checks.</summary>
public sealed class RefundStateMap : FlowStateMap<RefundState>
{
    protected override void ConfigureFlow(EntityTypeBuilder<RefundState> entity, ModelBuilder model)
    {
        // Stripe ids are at most 255 characters; Znode order and return numbers nvarchar(200); P21 order numbers and documents short.
        entity.Property(x => x.RefundId).HasMaxLength(255);
        entity.Property(x => x.ChargeId).HasMaxLength(255);
        entity.Property(x => x.PaymentIntentId).HasMaxLength(255);
        entity.Property(x => x.Currency).HasMaxLength(3);
        entity.Property(x => x.Reason).HasMaxLength(64);
        entity.Property(x => x.ZnodeReturnNumber).HasMaxLength(200);
        entity.Property(x => x.Status).HasMaxLength(32);
        entity.Property(x => x.StripeFailureReason).HasMaxLength(200);
        entity.Property(x => x.LastStripeEventId).HasMaxLength(255);
        entity.Property(x => x.LastEventType).HasMaxLength(100);
        entity.Property(x => x.P21OrderNo).HasMaxLength(64);
        entity.Property(x => x.P21CustomerId).HasMaxLength(64);
        entity.Property(x => x.ZnodeOrderNumber).HasMaxLength(200);
        entity.Property(x => x.Scope).HasMaxLength(16);
        entity.Property(x => x.P21DocumentKind).HasMaxLength(16);
        entity.Property(x => x.P21DocumentNumber).HasMaxLength(64);
        entity.Property(x => x.ZnodePaymentStatus).HasMaxLength(64);
        entity.Property(x => x.P21ReversalNumber).HasMaxLength(64);
        // A charge's refunds side by side (the dashboard, the CLI), and the refund of a Znode return.
        entity.HasIndex(x => x.RefundId);
        entity.HasIndex(x => x.ChargeId);
        entity.HasIndex(x => x.ZnodeReturnNumber);
    }
}
