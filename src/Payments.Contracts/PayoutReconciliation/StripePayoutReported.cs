using MassTransit;

namespace Payments.Contracts.PayoutReconciliation;

/// <summary>Stripe reported a payout or a change of one (<c>payout.created</c>, <c>.updated</c>, <c>.paid</c>, <c>.failed</c>, <c>.canceled</c>, <c>.reconciliation_completed</c>): the payout as it is now. The flow acts on the snapshot, so events in any order and repeated come to the same result.</summary>
[MessageUrn("Payments.PayoutReconciliation:StripePayoutReported")]
[EntityName("Payments.PayoutReconciliation:StripePayoutReported")]
[FaultEntityName("MassTransit:Fault--Payments.PayoutReconciliation:StripePayoutReported--")]
public record StripePayoutReported : CorrelatedBy<Guid>
{
    /// <summary>Of the payout: <c>CorrelationKey(stripe-payout, PayoutId)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string PayoutId { get; init; }
    public required string StripeEventId { get; init; }
    public required string EventType { get; init; }
    /// <summary>Positive, in the currency's minor units: what goes to the bank.</summary>
    public required long AmountMinor { get; init; }
    /// <summary>ISO 4217, upper case.</summary>
    public required string Currency { get; init; }
    /// <summary><c>pending</c>, <c>in_transit</c>, <c>paid</c> (expected in the bank), <c>failed</c>, <c>canceled</c>.</summary>
    public required string Status { get; init; }
    /// <summary>Made by Stripe on the account's schedule: only automatic payouts can list their balance transactions.</summary>
    public required bool Automatic { get; init; }
    /// <summary><c>not_applicable</c> (manual), <c>in_progress</c>, <c>completed</c>: the balance transactions are final once completed.</summary>
    public required string ReconciliationStatus { get; init; }
    /// <summary>Stripe's <c>arrival_date</c>: when the money is expected in the bank; its date in the ERP's zone picks the P21 period.</summary>
    public required DateTimeOffset ArrivalDate { get; init; }
    /// <summary>The payout's own balance transaction.</summary>
    public string? BalanceTransactionId { get; init; }
    /// <summary>Of a failed payout: Stripe's <c>failure_code</c> and <c>failure_message</c>, and the balance transaction that put the money back.</summary>
    public string? FailureCode { get; init; }
    public string? FailureMessage { get; init; }
    public string? FailureBalanceTransactionId { get; init; }
    public string? Description { get; init; }
    /// <summary>The payout's <c>created</c>.</summary>
    public required DateTimeOffset PayoutCreatedAt { get; init; }
    /// <summary>The event's <c>created</c>: a later snapshot supersedes an earlier one.</summary>
    public required DateTimeOffset ReportedAt { get; init; }
}
