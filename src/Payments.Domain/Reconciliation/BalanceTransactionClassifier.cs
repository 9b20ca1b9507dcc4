namespace Payments.Domain.Reconciliation;

/// <summary>
/// Puts a balance transaction in its accounting group by its <c>reporting_category</c>, which Stripe recommends over
/// <c>type</c> for accounting (it splits <c>type=adjustment</c> into disputes, dispute reversals and failed refunds); an
/// unknown category falls back to the type, so a category Stripe adds later lands somewhere sensible rather than nowhere
/// (docs/external-apis/stripe.md#reporting-categories-and-fee-types).
/// </summary>
public static class BalanceTransactionClassifier
{
    static readonly Dictionary<string, TransactionCategory> ByReportingCategory = new(StringComparer.OrdinalIgnoreCase)
    {
        ["charge"] = TransactionCategory.Charge,
        // Summed with its charge it gives the captured amount, so it reduces sales rather than counting as a refund.
        ["partial_capture_reversal"] = TransactionCategory.Charge,
        // A delayed payment (ACH, direct debit) that failed: the sale was never paid.
        ["charge_failure"] = TransactionCategory.Charge,
        ["refund"] = TransactionCategory.Refund,
        ["refund_failure"] = TransactionCategory.RefundFailure,
        ["dispute"] = TransactionCategory.DisputeWithdrawal,
        ["dispute_reversal"] = TransactionCategory.DisputeReinstatement,
        ["fee"] = TransactionCategory.Fee,
        ["network_cost"] = TransactionCategory.Fee,
        ["tax"] = TransactionCategory.Fee,
        ["other_adjustment"] = TransactionCategory.Adjustment,
        ["transfer"] = TransactionCategory.Transfer,
        ["transfer_reversal"] = TransactionCategory.Transfer,
        ["connect_collection_transfer"] = TransactionCategory.Transfer,
        ["topup"] = TransactionCategory.Transfer,
        ["topup_reversal"] = TransactionCategory.Transfer,
        ["payout"] = TransactionCategory.Payout,
        ["payout_reversal"] = TransactionCategory.Payout,
    };

    static readonly Dictionary<string, TransactionCategory> ByType = new(StringComparer.OrdinalIgnoreCase)
    {
        ["charge"] = TransactionCategory.Charge,
        ["payment"] = TransactionCategory.Charge,
        ["payment_failure_refund"] = TransactionCategory.Charge,
        ["refund"] = TransactionCategory.Refund,
        ["payment_refund"] = TransactionCategory.Refund,
        ["refund_failure"] = TransactionCategory.RefundFailure,
        ["stripe_fee"] = TransactionCategory.Fee,
        ["stripe_fx_fee"] = TransactionCategory.Fee,
        ["tax_fee"] = TransactionCategory.Fee,
        ["adjustment"] = TransactionCategory.Adjustment,
        ["transfer"] = TransactionCategory.Transfer,
        ["transfer_cancel"] = TransactionCategory.Transfer,
        ["transfer_failure"] = TransactionCategory.Transfer,
        ["transfer_refund"] = TransactionCategory.Transfer,
        ["topup"] = TransactionCategory.Transfer,
        ["topup_reversal"] = TransactionCategory.Transfer,
        ["payout"] = TransactionCategory.Payout,
        ["payout_cancel"] = TransactionCategory.Payout,
        ["payout_failure"] = TransactionCategory.Payout,
    };

    /// <summary>
    /// Stripe's processing fee is the fee every account pays; a transaction with a fee but no <c>fee_details</c> (older
    /// payloads, test doubles) is taken to be that.
    /// </summary>
    public const string DefaultFeeKind = "stripe_fee";

    /// <summary>
    /// Stripe reports the dispute fee as a <c>stripe_fee</c> on the dispute's own transaction ("Dispute fee"). It is told apart from
    /// the processing fee so a rule can give it its own account — or the clearing account, when the stripe-dispute flow has booked
    /// it already (docs/payout-reconciliation.md#accounts).
    /// </summary>
    public const string DisputeFeeKind = "dispute_fee";

    public static TransactionCategory CategoryOf(string reportingCategory, string type) =>
        ByReportingCategory.TryGetValue(reportingCategory ?? "", out var byCategory) ? byCategory
        : ByType.TryGetValue(type ?? "", out var byType) ? byType
        : TransactionCategory.Other;

    public static ClassifiedTransaction Classify(BalanceTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        transaction.EnsureConsistent();
        var category = CategoryOf(transaction.ReportingCategory, transaction.Type);
        IReadOnlyList<FeePart> fees = transaction.FeeDetails.Count > 0
            ? transaction.FeeDetails.Select(f => new FeePart(FeeKindOf(f.Type, category), f.AmountMinor)).ToArray()
            : transaction.FeeMinor != 0 ? [new FeePart(FeeKindOf(DefaultFeeKind, category), transaction.FeeMinor)] : [];
        return new ClassifiedTransaction(transaction, category, fees, ChargeOf(transaction, category));
    }

    static string FeeKindOf(string type, TransactionCategory category)
    {
        var kind = type.Trim().ToLowerInvariant();
        return kind == DefaultFeeKind && category is TransactionCategory.DisputeWithdrawal or TransactionCategory.DisputeReinstatement
            ? DisputeFeeKind
            : kind;
    }

    /// <summary>The charge behind the transaction: the source itself for a charge, otherwise the charge its source names.</summary>
    static string? ChargeOf(BalanceTransaction transaction, TransactionCategory category)
    {
        var source = transaction.Source;
        if (source is null) return null;
        if (source.ChargeId is { Length: > 0 } charge) return charge;
        return category == TransactionCategory.Charge && (source.Id.StartsWith("ch_", StringComparison.Ordinal) || source.Id.StartsWith("py_", StringComparison.Ordinal))
            ? source.Id
            : null;
    }
}
