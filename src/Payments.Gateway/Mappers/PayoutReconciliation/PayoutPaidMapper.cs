namespace Payments.Gateway.Mappers.PayoutReconciliation;

/// <summary><c>payout.paid</c> (the payout is expected in the bank) ⇒ <c>StripePayoutReported</c>, the payout as it is now (<see cref="PayoutReportedMapper"/>).</summary>
public sealed class PayoutPaidMapper() : PayoutReportedMapper("payout.paid");
