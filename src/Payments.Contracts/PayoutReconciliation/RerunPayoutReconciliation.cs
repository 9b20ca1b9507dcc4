using MassTransit;

namespace Payments.Contracts.PayoutReconciliation;

/// <summary>Reconcile a flagged (or failed) payout again, e.g. once the missing order has landed: its balance transactions are listed anew; nothing posted is posted twice.</summary>
[MessageUrn("Payments.PayoutReconciliation:RerunPayoutReconciliation")]
[EntityName("Payments.PayoutReconciliation:RerunPayoutReconciliation")]
[FaultEntityName("MassTransit:Fault--Payments.PayoutReconciliation:RerunPayoutReconciliation--")]
public record RerunPayoutReconciliation : CorrelatedBy<Guid>
{
    /// <summary>Of the payout: <c>CorrelationKey(stripe-payout, PayoutId)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string PayoutId { get; init; }
    /// <summary>Who asked (the CLI's user, the console's login), for the log and the audit trail.</summary>
    public required string RequestedBy { get; init; }
    public string? Reason { get; init; }
}
