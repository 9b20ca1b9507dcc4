using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Payments.Sagas.Flows;

namespace Payments.Sagas.PayoutReconciliation;

/// <summary>Table <c>PayoutState</c>, keyed by CorrelationId, with the <c>Version</c> the repository checks.</summary>
public sealed class PayoutStateMap : FlowStateMap<PayoutState>
{
    protected override void ConfigureFlow(EntityTypeBuilder<PayoutState> entity, ModelBuilder model)
    {
        // Stripe ids are at most 255 characters; P21 journal numbers and periods are short; the JSON columns are unbounded text.
        entity.Property(x => x.PayoutId).HasMaxLength(255);
        entity.Property(x => x.Currency).HasMaxLength(3);
        entity.Property(x => x.Status).HasMaxLength(32);
        entity.Property(x => x.ReconciliationStatus).HasMaxLength(32);
        entity.Property(x => x.LastStripeEventId).HasMaxLength(255);
        entity.Property(x => x.FailureCode).HasMaxLength(100);
        entity.Property(x => x.JournalNumber).HasMaxLength(64);
        entity.Property(x => x.Period).HasMaxLength(16);
        entity.Property(x => x.Fingerprint).HasMaxLength(128);
        entity.Property(x => x.ReversalJournalNumber).HasMaxLength(64);
        // A person finds a payout by its id; the CLI lists payouts by arrival date.
        entity.HasIndex(x => x.PayoutId);
        entity.HasIndex(x => x.ArrivalDate);
    }
}
