using System.Globalization;
using Payments.Domain.Money;

namespace Payments.Domain.Znode;

/// <summary>An amount as Stripe takes it: integer minor units of an upper-case ISO 4217 currency.</summary>
public readonly record struct StripeAmount(long Minor, string Currency);

/// <summary>
/// Znode order totals (SQL <c>NUMERIC(28,6)</c>, so six decimals whatever the currency) to Stripe amounts.
/// <para>
/// The rule: the total is rounded <b>half away from zero</b> to the currency's own smallest unit (ISO 4217: two decimals for USD, none
/// for JPY, ISK and UGX, three for KWD), then scaled to Stripe's minor units (<see cref="CurrencyExponent"/>; ISK and UGX carry two
/// implied zero decimals on the wire). Why round and not refuse: Znode keeps arithmetic residue below the smallest unit (a tax rate
/// applied to a price gives 1.071675), while the shopper was shown, and agreed to, the total rounded to that unit. Rounding never
/// changes an amount by a whole unit.
/// </para>
/// <para>
/// Refused, with the reason: no positive total; a three-decimal amount that is not a multiple of 10 minor units (Stripe takes KWD, BHD,
/// JOD, OMR and TND only in hundredths; 12.345 KWD is a real amount, so it is not rounded to a different one); more than Stripe's eight
/// digits (99,999,999 minor units); a currency Stripe does not accept (<see cref="StripeCurrencies"/>).
/// </para>
/// </summary>
public static class ZnodeMoney
{
    /// <summary>Stripe's <c>amount</c> holds at most eight digits (https://docs.stripe.com/api/payment_intents/create#create_payment_intent-amount).</summary>
    public const long MaxStripeAmount = 99_999_999;

    /// <summary>Decimals of the currency itself, where they differ from the exponent of Stripe's minor units.</summary>
    static readonly Dictionary<string, int> IsoDecimals = new(StringComparer.OrdinalIgnoreCase) { ["ISK"] = 0, ["UGX"] = 0 };

    public static bool TryToStripe(decimal total, string? currency, out StripeAmount amount, out string refusal)
    {
        amount = default;
        if (!StripeCurrencies.TryNormalize(currency, out var code, out refusal)) return false;
        var text = total.ToString(CultureInfo.InvariantCulture);
        if (total <= 0)
        {
            refusal = $"the order total {text} {code} is not positive";
            return false;
        }

        var wireExponent = CurrencyExponent.For(code);
        var decimals = IsoDecimals.TryGetValue(code, out var iso) ? iso : wireExponent;
        var rounded = Math.Round(total, decimals, MidpointRounding.AwayFromZero);
        if (rounded == 0)
        {
            refusal = $"the order total {text} {code} rounds to zero";
            return false;
        }
        var minor = rounded * Pow10(wireExponent);
        if (minor > MaxStripeAmount)
        {
            refusal = $"the order total {text} {code} is more than Stripe's largest amount ({MaxStripeAmount:N0} minor units)";
            return false;
        }
        if (wireExponent == 3 && minor % 10 != 0)
        {
            refusal = $"the order total {text} {code} is not a multiple of 0.010 {code}; Stripe takes three-decimal currencies only in multiples of 10 minor units";
            return false;
        }
        amount = new StripeAmount((long)minor, code);
        refusal = "";
        return true;
    }

    static decimal Pow10(int exponent) => exponent switch { 0 => 1m, 2 => 100m, 3 => 1000m, _ => throw new ArgumentOutOfRangeException(nameof(exponent)) };
}
