using Payments.Domain.Money;

namespace Payments.Domain.Tests.Money;

public class When_converting_minor_units
{
    [TestCase(12_345L, "usd", "123.45")]
    [TestCase(12_345L, "EUR", "123.45")]
    [TestCase(12_345L, "JPY", "12345")]   // zero-decimal: sent as-is
    [TestCase(500L, "KRW", "500")]
    [TestCase(12_340L, "KWD", "12.340")]  // three-decimal
    [TestCase(10_000L, "ISK", "100.00")]  // zero-decimal in Stripe's list, yet ×100 on the wire
    [TestCase(0L, "USD", "0")]
    [TestCase(-250L, "USD", "-2.50")]
    public void Should_divide_by_the_currencys_exponent(long minor, string currency, string expected) =>
        Assert.That(MinorUnits.ToDecimal(minor, currency), Is.EqualTo(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture)));

    [TestCase("123.45", "USD", 12_345L)]
    [TestCase("12345", "JPY", 12_345L)]
    [TestCase("12.340", "KWD", 12_340L)]
    [TestCase("100", "ISK", 10_000L)]
    public void Should_round_trip_to_minor_units(string amount, string currency, long expected) =>
        Assert.That(MinorUnits.FromDecimal(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), currency), Is.EqualTo(expected));

    [Test]
    public void Should_refuse_more_precision_than_the_currency_has_rather_than_round_money_away()
    {
        Assert.Throws<ArgumentException>(() => MinorUnits.FromDecimal(1.005m, "USD"));
        Assert.Throws<ArgumentException>(() => MinorUnits.FromDecimal(10.5m, "JPY"));
    }

    [Test]
    public void Should_refuse_three_decimal_amounts_not_ending_in_zero() =>
        Assert.Throws<ArgumentException>(() => MinorUnits.FromDecimal(12.345m, "KWD"));

    [TestCase("")]
    [TestCase("US")]
    [TestCase("USDX")]
    public void Should_refuse_something_that_is_not_a_currency_code(string currency) =>
        Assert.That(() => MinorUnits.ToDecimal(1, currency), Throws.InstanceOf<ArgumentException>());
}
