namespace Payments.Domain.Disputes;

/// <summary>What a dispute's balance transaction books: the withdrawal of the disputed funds and fee, or their reinstatement.</summary>
public enum DisputeBookingKind
{
    /// <summary><c>reporting_category = dispute</c>: the disputed amount and the dispute fee leave the balance.</summary>
    Withdrawal,
    /// <summary><c>reporting_category = dispute_reversal</c>: the amount (and the fee, when Stripe returns it) come back.</summary>
    Reinstatement,
}

/// <summary>
/// One of a dispute's <c>balance_transactions</c> as the snapshot lists it (signed amount in the settlement currency's minor units, the fee
/// positive when assessed). Balance transactions never change once created, so booking each one by its id, once, is always right.
/// </summary>
public sealed record DisputeTransaction(string Id, long AmountMinor, long FeeMinor, string Currency, string ReportingCategory)
{
    public const string DisputeCategory = "dispute";
    public const string DisputeReversalCategory = "dispute_reversal";

    /// <summary>By Stripe's <c>reporting_category</c>, which Stripe recommends for accounting over <c>type</c> (docs.stripe.com/reports/reporting-categories).</summary>
    public DisputeBookingKind Kind => ReportingCategory switch
    {
        DisputeCategory => DisputeBookingKind.Withdrawal,
        DisputeReversalCategory => DisputeBookingKind.Reinstatement,
        _ => throw new ArgumentException($"Balance transaction {Id}: reporting_category '{ReportingCategory}' is neither '{DisputeCategory}' nor '{DisputeReversalCategory}'."),
    };
}
