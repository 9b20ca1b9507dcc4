using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Payments.Sagas.Flows;

namespace Payments.Sagas.StripeDispute;

/// <summary>Table <c>DisputeState</c>, keyed by CorrelationId, with the <c>Version</c> the repository checks.</summary>
public sealed class DisputeStateMap : FlowStateMap<DisputeState>
{
    protected override void ConfigureFlow(EntityTypeBuilder<DisputeState> entity, ModelBuilder model)
    {
        // Stripe ids are at most 255 characters; the dispute and its charge are how a person finds the flow.
        entity.Property(x => x.DisputeId).HasMaxLength(255);
        entity.Property(x => x.ChargeId).HasMaxLength(255);
        entity.Property(x => x.PaymentIntentId).HasMaxLength(255);
        entity.Property(x => x.Status).HasMaxLength(64);
        entity.Property(x => x.Reason).HasMaxLength(100);
        entity.Property(x => x.Currency).HasMaxLength(3);
        entity.Property(x => x.LastStripeEventId).HasMaxLength(255);
        entity.Property(x => x.P21OrderNo).HasMaxLength(64);
        entity.Property(x => x.ZnodeOrderNumber).HasMaxLength(200);
        entity.Property(x => x.HoldMethod).HasMaxLength(100);
        entity.Property(x => x.HoldNote).HasMaxLength(500);
        entity.HasIndex(x => x.DisputeId);
        entity.HasIndex(x => x.ChargeId);
    }
}
