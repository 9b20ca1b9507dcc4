namespace Payments.Domain.Reconciliation;

/// <summary>
/// A Stripe payout as reconciliation needs it: its positive amount in minor units, its currency, the date it is expected in
/// the bank (<c>arrival_date</c>, as a date in the ledger's zone, which picks the P21 period) and whether Stripe made it on
/// its schedule (<c>automatic</c>): only automatic payouts have a list of balance transactions.
/// </summary>
public sealed record StripePayout(string Id, long AmountMinor, string Currency, DateOnly ArrivalDate, bool Automatic);
