namespace Payments.Gateway.Mappers.PayoutReconciliation;

/// <summary><c>payout.canceled</c> (the payout was canceled before it left Stripe) ⇒ <c>StripePayoutReported</c>, the payout as it is now (<see cref="PayoutReportedMapper"/>).</summary>
public sealed class PayoutCanceledMapper() : PayoutReportedMapper("payout.canceled");
