namespace Payments.Domain.Money;

/// <summary>
/// How many decimal places Stripe's integer amounts carry per currency.
/// Source: Stripe's currency list (zero-decimal and three-decimal currencies); everything else has two.
/// </summary>
public static class CurrencyExponent
{
    static readonly HashSet<string> ZeroDecimal = new(StringComparer.OrdinalIgnoreCase)
    {
        "BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF",
    };

    static readonly HashSet<string> ThreeDecimal = new(StringComparer.OrdinalIgnoreCase)
    {
        "BHD", "JOD", "KWD", "OMR", "TND",
    };

    /// <summary>
    /// ISK and UGX are zero-decimal in Stripe's list yet sent ×100 on the API for backwards compatibility;
    /// Stripe's amounts for them carry two implied decimals that must be zero.
    /// </summary>
    static readonly HashSet<string> TwoDecimalOnTheWire = new(StringComparer.OrdinalIgnoreCase) { "ISK", "UGX" };

    public static int For(string currency)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(currency);
        if (currency.Length != 3) throw new ArgumentException($"'{currency}' is not an ISO 4217 currency code.", nameof(currency));
        if (TwoDecimalOnTheWire.Contains(currency)) return 2;
        if (ZeroDecimal.Contains(currency)) return 0;
        if (ThreeDecimal.Contains(currency)) return 3;
        return 2;
    }
}
