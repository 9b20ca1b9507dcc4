namespace Payments.Domain.Money;

/// <summary>Converts between Stripe's integer minor units and decimal amounts, per the currency's exponent.</summary>
public static class MinorUnits
{
    public static decimal ToDecimal(long amountMinor, string currency)
    {
        var exponent = CurrencyExponent.For(currency);
        return amountMinor / Pow10(exponent);
    }

    /// <summary>Decimal → minor units. Refuses amounts with more precision than the currency has, rather than rounding money away.</summary>
    public static long FromDecimal(decimal amount, string currency)
    {
        var exponent = CurrencyExponent.For(currency);
        var scaled = amount * Pow10(exponent);
        if (scaled != decimal.Truncate(scaled))
            throw new ArgumentException($"{amount} {currency.ToUpperInvariant()} has more than {exponent} decimal places.", nameof(amount));
        // Stripe requires three-decimal amounts to end in 0 (they are settled in hundredths).
        if (exponent == 3 && scaled % 10 != 0)
            throw new ArgumentException($"{amount} {currency.ToUpperInvariant()}: Stripe accepts three-decimal amounts only in multiples of 10 minor units.", nameof(amount));
        return checked((long)scaled);
    }

    static decimal Pow10(int exponent) => exponent switch { 0 => 1m, 2 => 100m, 3 => 1000m, _ => throw new ArgumentOutOfRangeException(nameof(exponent)) };
}
