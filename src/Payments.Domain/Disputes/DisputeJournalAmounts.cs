using Payments.Domain.Money;

namespace Payments.Domain.Disputes;

/// <summary>
/// The GL amounts of one dispute balance transaction, in the currency's major units and both positive: a withdrawal takes
/// <see cref="Disputed"/> and <see cref="Fee"/> out of the Stripe balance (debit the dispute and fee accounts, credit the balance); a
/// reinstatement returns them (the opposite entry). A fee of zero (a reinstatement that keeps the fee) books no fee line.
/// </summary>
public sealed record DisputeJournalAmounts(DisputeBookingKind Kind, decimal Disputed, decimal Fee, string Currency)
{
    /// <param name="amountMinor">Signed, as on the balance transaction: negative for a withdrawal, positive for a reinstatement.</param>
    /// <param name="feeMinor">The fee as on the balance transaction: positive when assessed, negative when returned.</param>
    public static DisputeJournalAmounts Of(DisputeBookingKind kind, long amountMinor, long feeMinor, string currency)
    {
        var expected = kind == DisputeBookingKind.Withdrawal ? "negative" : "positive";
        if (amountMinor == 0 || (kind == DisputeBookingKind.Withdrawal) != (amountMinor < 0))
            throw new ArgumentException($"A dispute {kind.ToString().ToLowerInvariant()}'s amount must be {expected}; it is {amountMinor}.", nameof(amountMinor));
        return new DisputeJournalAmounts(kind,
            MinorUnits.ToDecimal(Math.Abs(amountMinor), currency),
            MinorUnits.ToDecimal(Math.Abs(feeMinor), currency),
            currency.ToUpperInvariant());
    }

    public static DisputeJournalAmounts Of(DisputeTransaction transaction) =>
        Of(transaction.Kind, transaction.AmountMinor, transaction.FeeMinor, transaction.Currency);

    public decimal Total => Disputed + Fee;
}
