using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Payments.Sagas.Flows;

namespace Payments.Sagas.CustomerSync;

/// <summary>Table <c>CustomerState</c>, keyed by CorrelationId, with the <c>Version</c> the repository checks.</summary>
public sealed class CustomerStateMap : FlowStateMap<CustomerState>
{
    protected override void ConfigureFlow(EntityTypeBuilder<CustomerState> entity, ModelBuilder model)
    {
        // Stripe ids are at most 255 characters; the record and the decisions are unbounded JSON text.
        entity.Property(x => x.StripeCustomerId).HasMaxLength(255);
        entity.Property(x => x.LinkedBy).HasMaxLength(200);
        entity.Property(x => x.LastStripeEventId).HasMaxLength(255);
        entity.Property(x => x.QuarantinedSystem).HasMaxLength(16);
        entity.Property(x => x.QuarantinedStep).HasMaxLength(64);
        // The CLI finds a customer by any of its three ids (payments customers show cus_…|p21:N|znode:N).
        entity.HasIndex(x => x.StripeCustomerId);
        entity.HasIndex(x => x.P21CustomerId);
        entity.HasIndex(x => x.ZnodeUserId);
    }
}
