using Payments.Domain.P21;

namespace Payments.Domain.Tests.P21;

public class When_formatting_values_for_P21
{
    static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    [Test]
    public void Should_book_a_late_evening_payment_on_the_ERPs_local_day()
    {
        // 2026-11-24 03:30 UTC is still the 23rd in New York.
        var instant = new DateTimeOffset(2026, 11, 24, 3, 30, 0, TimeSpan.Zero);
        Assert.Multiple(() =>
        {
            Assert.That(P21Formats.ErpDate(instant, NewYork), Is.EqualTo(new DateOnly(2026, 11, 23)));
            Assert.That(P21Formats.TransactionDate(P21Formats.ErpDate(instant, NewYork)), Is.EqualTo("2026-11-23"));
            Assert.That(P21Formats.RestDateTime(instant, NewYork), Is.EqualTo("2026-11-23T22:30:00"));
        });
    }

    [TestCase("123.45", "123.45")]
    [TestCase("1000", "1000")]
    [TestCase("0.00005", "0")]
    [TestCase("0.12345", "0.1234")]  // banker's rounding at P21's four decimals
    [TestCase("1234567.5", "1234567.5")]
    public void Should_write_money_as_an_invariant_string(string amount, string expected)
    {
        var text = P21Formats.Money(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture));
        Assert.That(text, Is.EqualTo(expected));
    }

    [Test]
    public void Should_upper_case_item_ids() => Assert.That(P21Formats.ItemId("  widget-001 "), Is.EqualTo("WIDGET-001"));

    [Test]
    public void Should_double_single_quotes_in_OData_literals() =>
        Assert.That(P21Formats.ODataString("o'brien@example.com"), Is.EqualTo("'o''brien@example.com'"));
}
