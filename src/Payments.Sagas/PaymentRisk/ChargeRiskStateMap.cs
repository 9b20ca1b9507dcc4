using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Payments.Sagas.Flows;

namespace Payments.Sagas.PaymentRisk;

/// <summary>Table <c>ChargeRiskState</c>, keyed by CorrelationId, with the <c>Version</c> the repository checks; <c>Decisions</c> is unbounded text.</summary>
public sealed class ChargeRiskStateMap : FlowStateMap<ChargeRiskState>
{
    protected override void ConfigureFlow(EntityTypeBuilder<ChargeRiskState> entity, ModelBuilder model)
    {
        entity.Property(x => x.ChargeId).HasMaxLength(255);
        entity.Property(x => x.PaymentIntentId).HasMaxLength(255);
        entity.Property(x => x.WarningId).HasMaxLength(255);
        entity.Property(x => x.FraudType).HasMaxLength(64);
        entity.Property(x => x.LastWarningEventId).HasMaxLength(255);
        entity.Property(x => x.ObservedRiskLevel).HasMaxLength(32);
        entity.Property(x => x.LastRiskEventId).HasMaxLength(255);
        entity.Property(x => x.Currency).HasMaxLength(3);
        entity.Property(x => x.P21OrderNo).HasMaxLength(64);
        entity.Property(x => x.ZnodeOrderNumber).HasMaxLength(200);
        entity.Property(x => x.LastRule).HasMaxLength(200);
        entity.Property(x => x.LastActions).HasMaxLength(200);
        entity.Property(x => x.LastSignals).HasMaxLength(1000);
        entity.Property(x => x.LastExplanation).HasMaxLength(2000);
        entity.Property(x => x.RefundWarningId).HasMaxLength(255);
        entity.Property(x => x.RefundId).HasMaxLength(255);
        entity.Property(x => x.HoldMethod).HasMaxLength(100);
        entity.Property(x => x.HoldNote).HasMaxLength(500);
        entity.HasIndex(x => x.ChargeId);
    }
}
