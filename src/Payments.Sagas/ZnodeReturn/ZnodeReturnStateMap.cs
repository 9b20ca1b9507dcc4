using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Payments.Sagas.Flows;

namespace Payments.Sagas.ZnodeReturn;

/// <summary>Table <c>ZnodeReturnState</c>, keyed by CorrelationId, with the <c>Version</c> the repository checks.</summary>
public sealed class ZnodeReturnStateMap : FlowStateMap<ZnodeReturnState>
{
    protected override void ConfigureFlow(EntityTypeBuilder<ZnodeReturnState> entity, ModelBuilder model)
    {
        // Znode's numbers are nvarchar(200), its amounts NUMERIC(28,6); Stripe ids at most 255 characters.
        entity.Property(x => x.ReturnNumber).HasMaxLength(200);
        entity.Property(x => x.OrderNumber).HasMaxLength(200);
        entity.Property(x => x.ApprovedAmount).HasPrecision(28, 6);
        entity.Property(x => x.CurrencyCode).HasMaxLength(16);
        entity.Property(x => x.ApprovedReturnState).HasMaxLength(64);
        entity.Property(x => x.ShopperEmail).HasMaxLength(320);
        entity.Property(x => x.Currency).HasMaxLength(3);
        entity.Property(x => x.ChargeId).HasMaxLength(255);
        entity.Property(x => x.RefundId).HasMaxLength(255);
        entity.Property(x => x.RefundStatus).HasMaxLength(32);
        entity.Property(x => x.P21DocumentKind).HasMaxLength(16);
        entity.Property(x => x.P21DocumentNumber).HasMaxLength(64);
        entity.Property(x => x.CompletedReturnState).HasMaxLength(64);
        entity.HasIndex(x => x.ReturnNumber);
        entity.HasIndex(x => x.OrderNumber);
        entity.HasIndex(x => x.RefundId);
    }
}
