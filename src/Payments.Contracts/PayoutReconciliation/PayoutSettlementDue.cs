using MassTransit;

namespace Payments.Contracts.PayoutReconciliation;

/// <summary>Scheduled by the flow: the configured grace after the payout's arrival date, when it should long have been paid and its transactions read.</summary>
[MessageUrn("Payments.PayoutReconciliation:PayoutSettlementDue")]
[EntityName("Payments.PayoutReconciliation:PayoutSettlementDue")]
[FaultEntityName("MassTransit:Fault--Payments.PayoutReconciliation:PayoutSettlementDue--")]
public record PayoutSettlementDue : CorrelatedBy<Guid>
{
    /// <summary>Of the payout: <c>CorrelationKey(stripe-payout, PayoutId)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string PayoutId { get; init; }
    public required DateTimeOffset ExpectedBy { get; init; }
}
