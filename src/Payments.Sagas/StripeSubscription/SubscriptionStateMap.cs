using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Payments.Sagas.Flows;

namespace Payments.Sagas.StripeSubscription;

/// <summary>Table <c>SubscriptionState</c>, keyed by CorrelationId, with the <c>Version</c> the repository checks.</summary>
public sealed class SubscriptionStateMap : FlowStateMap<SubscriptionState>
{
    protected override void ConfigureFlow(EntityTypeBuilder<SubscriptionState> entity, ModelBuilder model)
    {
        // Stripe ids are at most 255 characters; the items and invoices are unbounded JSON text.
        entity.Property(x => x.SubscriptionId).HasMaxLength(255);
        entity.Property(x => x.StripeCustomerId).HasMaxLength(255);
        entity.Property(x => x.Status).HasMaxLength(32);
        entity.Property(x => x.Currency).HasMaxLength(3);
        entity.Property(x => x.LastStripeEventId).HasMaxLength(255);
        // The CLI finds a subscription by its id and lists a customer's subscriptions.
        entity.HasIndex(x => x.SubscriptionId);
        entity.HasIndex(x => x.StripeCustomerId);
    }
}
