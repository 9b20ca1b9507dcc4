namespace Payments.Gateway.Mappers.PayoutReconciliation;

/// <summary><c>payout.failed</c> (the bank refused the payout and Stripe put the money back: whatever was posted for it is reversed) ⇒ <c>StripePayoutReported</c>, the payout as it is now (<see cref="PayoutReportedMapper"/>).</summary>
public sealed class PayoutFailedMapper() : PayoutReportedMapper("payout.failed");
