namespace Payments.Gateway.Mappers.PayoutReconciliation;

/// <summary><c>payout.updated</c> (a payout changed (its description, metadata or arrival date)) ⇒ <c>StripePayoutReported</c>, the payout as it is now (<see cref="PayoutReportedMapper"/>).</summary>
public sealed class PayoutUpdatedMapper() : PayoutReportedMapper("payout.updated");
