namespace Payments.Domain.Money;

/// <summary>
/// The currencies Stripe accepts for a payment (its presentment currencies: the union of the per-country lists at
/// https://docs.stripe.com/currencies#presentment-currencies). A code outside this list is refused before Stripe is called, with a
/// reason a person can act on. A given account may accept fewer (its country's list); Stripe itself refuses those.
/// </summary>
public static class StripeCurrencies
{
    static readonly HashSet<string> Accepted = new(StringComparer.OrdinalIgnoreCase)
    {
        "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT", "BHD", "BIF", "BMD", "BND", "BOB",
        "BRL", "BSD", "BWP", "BYN", "BZD", "CAD", "CDF", "CHF", "CLP", "CNY", "COP", "CRC", "CVE", "CZK", "DJF", "DKK", "DOP", "DZD", "EGP",
        "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GIP", "GMD", "GNF", "GTQ", "GYD", "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR", "ISK",
        "JMD", "JOD", "JPY", "KES", "KGS", "KHR", "KMF", "KRW", "KWD", "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL", "MAD", "MDL", "MGA",
        "MKD", "MMK", "MNT", "MOP", "MUR", "MVR", "MWK", "MXN", "MYR", "MZN", "NAD", "NGN", "NIO", "NOK", "NPR", "NZD", "OMR", "PAB", "PEN",
        "PGK", "PHP", "PKR", "PLN", "PYG", "QAR", "RON", "RSD", "RUB", "RWF", "SAR", "SBD", "SCR", "SEK", "SGD", "SHP", "SLE", "SOS", "SRD",
        "STD", "SZL", "THB", "TJS", "TND", "TOP", "TRY", "TTD", "TWD", "TZS", "UAH", "UGX", "USD", "UYU", "UZS", "VND", "VUV", "WST", "XAF",
        "XCD", "XCG", "XOF", "XPF", "YER", "ZAR", "ZMW",
    };

    /// <summary>Every accepted code, upper case.</summary>
    public static IReadOnlyCollection<string> All => Accepted;

    /// <summary>Whether Stripe takes payments in <paramref name="currency"/> (any case, surrounding spaces ignored).</summary>
    public static bool Accepts(string? currency) => currency is not null && Accepted.Contains(currency.Trim());

    /// <summary>The code upper case when Stripe accepts it; otherwise false and why, in words for an operator.</summary>
    public static bool TryNormalize(string? currency, out string code, out string refusal)
    {
        code = currency?.Trim().ToUpperInvariant() ?? "";
        refusal = "";
        if (code.Length == 0)
            refusal = "the order has no currency";
        else if (code.Length != 3 || !code.All(char.IsAsciiLetter))
            refusal = $"'{currency}' is not an ISO 4217 currency code";
        else if (!Accepted.Contains(code))
            refusal = $"Stripe does not accept payments in {code} (https://docs.stripe.com/currencies#presentment-currencies)";
        return refusal.Length == 0;
    }
}
