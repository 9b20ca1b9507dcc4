using Payments.Domain.Refunds;

namespace Payments.Domain.Tests.Refunds;

public class When_placing_a_refund_among_its_charges_refunds
{
    static readonly DateTimeOffset T0 = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);

    static StripeRefund Refund(string id, long amount, StripeRefundStatus status = StripeRefundStatus.Succeeded, string currency = "USD") =>
        new(id, amount, currency, status, T0);

    [Test]
    public void Should_count_the_second_partial_that_empties_the_charge_as_full_and_keep_the_first_as_the_others_total()
    {
        var found = RefundPosition.TryFind(5000, Refund("re_2", 2000), [Refund("re_1", 3000), Refund("re_2", 2000)], out var position, out _);

        Assert.That(found, Is.True);
        Assert.That(position, Is.EqualTo(new RefundPosition(RefundScope.Full, 3000)));
    }

    [Test]
    public void Should_count_the_refund_itself_when_the_listing_does_not_show_it_yet()
    {
        RefundPosition.TryFind(5000, Refund("re_1", 3000), [], out var position, out _);

        Assert.That(position, Is.EqualTo(new RefundPosition(RefundScope.Partial, 0)));
    }

    [Test]
    public void Should_leave_out_other_refunds_that_failed()
    {
        RefundPosition.TryFind(5000, Refund("re_2", 2000), [Refund("re_1", 3000, StripeRefundStatus.Failed)], out var position, out _);

        Assert.That(position, Is.EqualTo(new RefundPosition(RefundScope.Partial, 0)));
    }

    [TestCase("JPY", 5000, 2000, 3000, RefundScope.Full)]
    [TestCase("KWD", 12_340, 2_340, 10_000, RefundScope.Full)]
    [TestCase("KWD", 12_340, 2_340, 1_000, RefundScope.Partial)]
    public void Should_place_refunds_in_zero_and_three_decimal_currencies(string currency, long charge, long other, long own, RefundScope scope)
    {
        RefundPosition.TryFind(charge, Refund("re_2", own, currency: currency), [Refund("re_1", other, currency: currency)], out var position, out _);

        Assert.That(position, Is.EqualTo(new RefundPosition(scope, other)));
    }

    [Test]
    public void Should_say_why_when_the_refunds_exceed_the_charge()
    {
        var found = RefundPosition.TryFind(4000, Refund("re_2", 2000), [Refund("re_1", 3000)], out _, out var problem);

        Assert.That(found, Is.False);
        Assert.That(problem, Does.Contain("exceed its amount (4000)"));
    }

    [Test]
    public void Should_say_why_when_a_refund_is_in_another_currency()
    {
        var found = RefundPosition.TryFind(4000, Refund("re_2", 2000), [Refund("re_1", 1000, currency: "EUR")], out _, out var problem);

        Assert.That((found, problem), Is.EqualTo((false, "refund re_1 of the charge is in EUR, refund re_2 in USD")));
    }

    [TestCase(RefundScope.Full, "REFUNDED")]
    [TestCase(RefundScope.Partial, "PARTIALLY REFUNDED")]
    public void Should_show_a_booked_refund_on_the_Znode_payment(RefundScope scope, string status)
    {
        Assert.That(RefundPaymentStatuses.AfterRefund(scope), Is.EqualTo(status));
    }

    [TestCase(0, "CAPTURED")]
    [TestCase(3000, "PARTIALLY REFUNDED")]
    public void Should_return_the_Znode_payment_to_what_the_other_refunds_leave_when_one_fails(long otherRefundsMinor, string status)
    {
        Assert.That(RefundPaymentStatuses.AfterReversal(otherRefundsMinor), Is.EqualTo(status));
    }
}
