namespace Payments.Gateway.Mappers.PayoutReconciliation;

/// <summary><c>payout.reconciliation_completed</c> (the balance transactions of an automatic payout are final and can be listed) ⇒ <c>StripePayoutReported</c>, the payout as it is now (<see cref="PayoutReportedMapper"/>).</summary>
public sealed class PayoutReconciliationCompletedMapper() : PayoutReportedMapper("payout.reconciliation_completed");
