using MassTransit;

namespace Payments.Contracts.PayoutReconciliation;

/// <summary>Alert: a payout is not settled (not paid, or its balance transactions not complete) long after its arrival date.</summary>
[MessageUrn("Payments.PayoutReconciliation:PayoutNotSettled")]
[EntityName("Payments.PayoutReconciliation:PayoutNotSettled")]
[FaultEntityName("MassTransit:Fault--Payments.PayoutReconciliation:PayoutNotSettled--")]
public record PayoutNotSettled : CorrelatedBy<Guid>
{
    /// <summary>Of the payout: <c>CorrelationKey(stripe-payout, PayoutId)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string PayoutId { get; init; }
    public required long AmountMinor { get; init; }
    public required string Currency { get; init; }
    public required DateTimeOffset ArrivalDate { get; init; }
    public required string Status { get; init; }
    public required string ReconciliationStatus { get; init; }
    public required string Reason { get; init; }
}
