using System.Globalization;
using Payments.Domain.Znode;

namespace Payments.Domain.Tests.ZnodeOrderToCash;

public class When_converting_a_Znode_total_to_a_Stripe_amount
{
    static StripeAmount Convert(string total, string currency)
    {
        var converted = ZnodeMoney.TryToStripe(decimal.Parse(total, CultureInfo.InvariantCulture), currency, out var amount, out var refusal);
        Assert.That(converted, Is.True, refusal);
        return amount;
    }

    static string Refusal(string total, string? currency)
    {
        var converted = ZnodeMoney.TryToStripe(decimal.Parse(total, CultureInfo.InvariantCulture), currency, out _, out var refusal);
        Assert.That(converted, Is.False, "should have been refused");
        return refusal;
    }

    // Znode keeps NUMERIC(28,6): six decimals whatever the currency.
    [TestCase("108.250000", "USD", 10_825L)]
    [TestCase("108.250000", "usd", 10_825L)]
    [TestCase("0.500000", "USD", 50L)]
    [TestCase("12345.000000", "JPY", 12_345L)]
    [TestCase("12.340000", "KWD", 12_340L)]
    [TestCase("1500.000000", "ISK", 150_000L)] // zero-decimal, yet two implied zero decimals on Stripe's wire
    [TestCase("999999.990000", "USD", 99_999_999L)]
    public void Should_scale_by_the_currencys_exponent(string total, string currency, long minor) =>
        Assert.That(Convert(total, currency), Is.EqualTo(new StripeAmount(minor, currency.ToUpperInvariant())));

    [TestCase("10.004999", "USD", 1_000L)]
    [TestCase("10.005000", "USD", 1_001L)] // half away from zero, not to even
    [TestCase("10.015000", "USD", 1_002L)]
    [TestCase("1.071675", "USD", 107L)]    // a tax rate's residue
    [TestCase("12344.500000", "JPY", 12_345L)]
    [TestCase("12345.499999", "JPY", 12_345L)]
    [TestCase("1500.500000", "ISK", 150_100L)] // to whole krónur, then ×100
    [TestCase("12.339600", "KWD", 12_340L)]   // to fils first: 12.340, a multiple of 10
    [TestCase("12.340499", "KWD", 12_340L)]
    public void Should_round_half_away_from_zero_to_the_currencys_smallest_unit(string total, string currency, long minor) =>
        Assert.That(Convert(total, currency).Minor, Is.EqualTo(minor));

    [TestCase("12.345000")]
    [TestCase("12.344500")] // 12.345 after rounding to fils: a real amount Stripe cannot take
    public void Should_refuse_a_three_decimal_amount_Stripe_cannot_take_rather_than_charge_another(string total) =>
        Assert.That(Refusal(total, "KWD"), Does.Contain("not a multiple of 0.010 KWD"));

    [TestCase("0.000000", "is not positive")]
    [TestCase("-5.000000", "is not positive")]
    [TestCase("0.004999", "rounds to zero")]
    [TestCase("1000000.000000", "Stripe's largest amount")]
    public void Should_refuse_totals_Stripe_cannot_charge(string total, string reason) =>
        Assert.That(Refusal(total, "USD"), Does.Contain(reason).And.Contain("USD"));

    [TestCase("XYZ", "Stripe does not accept payments in XYZ")]
    [TestCase("US", "'US' is not an ISO 4217 currency code")]
    [TestCase("U$D", "'U$D' is not an ISO 4217 currency code")]
    [TestCase("", "the order has no currency")]
    [TestCase(null, "the order has no currency")]
    public void Should_refuse_a_currency_Stripe_does_not_accept_with_the_reason(string? currency, string reason) =>
        Assert.That(Refusal("10.000000", currency), Is.EqualTo(reason).Or.StartWith(reason));
}
