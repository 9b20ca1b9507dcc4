namespace Payments.Reporting.PayoutReconciliation;

/// <summary>A named amount of the report's summary, in the payout's currency: a category (<c>adjustment</c>) or a fee kind (<c>stripe_fee</c>).</summary>
public sealed record PayoutReportAmount(string Name, decimal Amount);
