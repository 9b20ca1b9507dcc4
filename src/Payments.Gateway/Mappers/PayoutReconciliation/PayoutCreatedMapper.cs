namespace Payments.Gateway.Mappers.PayoutReconciliation;

/// <summary><c>payout.created</c> (a payout was made (manual, or on the account's schedule)) ⇒ <c>StripePayoutReported</c>, the payout as it is now (<see cref="PayoutReportedMapper"/>).</summary>
public sealed class PayoutCreatedMapper() : PayoutReportedMapper("payout.created");
