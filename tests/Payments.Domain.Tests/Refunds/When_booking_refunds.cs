using Payments.Domain.Refunds;

namespace Payments.Domain.Tests.Refunds;

public class When_booking_refunds
{
    static readonly DateTimeOffset T0 = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);

    static StripeRefund Refund(string id, long amount, StripeRefundStatus status = StripeRefundStatus.Succeeded, int minutes = 0, string currency = "USD") =>
        new(id, amount, currency, status, T0.AddMinutes(minutes));

    [Test]
    public void Should_book_30_then_20_never_the_cumulative_50()
    {
        // charge.refunded after the first refund: amount_refunded 3000, refunds [re_1 3000].
        var first = RefundLedger.Decide([Refund("re_1", 3000)], new Dictionary<string, long>());
        var booked = first.ToDictionary(b => b.RefundId, b => b.AmountMinor);
        // charge.refunded after the second: amount_refunded 5000, refunds [re_1 3000, re_2 2000].
        var second = RefundLedger.Decide([Refund("re_1", 3000), Refund("re_2", 2000, minutes: 5)], booked);

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo(new[] { new RefundBooking("re_1", 3000, "USD", RefundBookingKind.Book) }));
            Assert.That(second, Is.EqualTo(new[] { new RefundBooking("re_2", 2000, "USD", RefundBookingKind.Book) }));
            Assert.That(first.Concat(second).Sum(b => b.AmountMinor), Is.EqualTo(5000));
        });
    }

    [Test]
    public void Should_book_nothing_again_when_the_same_event_arrives_twice()
    {
        var refunds = new[] { Refund("re_1", 3000) };
        var booked = RefundLedger.Decide(refunds, new Dictionary<string, long>()).ToDictionary(b => b.RefundId, b => b.AmountMinor);

        Assert.That(RefundLedger.Decide(refunds, booked), Is.Empty);
    }

    [Test]
    public void Should_book_a_pending_refund_and_reverse_it_when_it_fails()
    {
        var booked = RefundLedger.Decide([Refund("re_1", 1500, StripeRefundStatus.Pending)], new Dictionary<string, long>())
            .ToDictionary(b => b.RefundId, b => b.AmountMinor);
        var later = RefundLedger.Decide([Refund("re_1", 1500, StripeRefundStatus.Failed)], booked);

        Assert.Multiple(() =>
        {
            Assert.That(booked["re_1"], Is.EqualTo(1500));
            Assert.That(later, Is.EqualTo(new[] { new RefundBooking("re_1", 1500, "USD", RefundBookingKind.Reverse) }));
        });
    }

    [Test]
    public void Should_book_nothing_for_a_refund_that_failed_before_it_was_booked()
    {
        Assert.That(RefundLedger.Decide([Refund("re_1", 1500, StripeRefundStatus.Failed)], new Dictionary<string, long>()), Is.Empty);
    }

    [Test]
    public void Should_book_refunds_that_arrive_out_of_order_each_once()
    {
        // The second refund's event is seen first; then the first's.
        var booked = RefundLedger.Decide([Refund("re_2", 2000, minutes: 5)], new Dictionary<string, long>()).ToDictionary(b => b.RefundId, b => b.AmountMinor);
        var next = RefundLedger.Decide([Refund("re_1", 3000), Refund("re_2", 2000, minutes: 5)], booked);

        Assert.That(next.Select(b => (b.RefundId, b.AmountMinor)), Is.EqualTo(new[] { ("re_1", 3000L) }));
    }

    [TestCase("JPY", 5000, 5000, RefundScope.Full)]
    [TestCase("JPY", 5000, 4999, RefundScope.Partial)]
    [TestCase("KWD", 12_340, 12_340, RefundScope.Full)]
    [TestCase("KWD", 12_340, 1_230, RefundScope.Partial)]
    public void Should_tell_a_full_refund_from_a_partial_one_in_any_currency(string currency, long charge, long refunded, RefundScope expected)
    {
        Assert.That(RefundLedger.ScopeOf(charge, [Refund("re_1", refunded, currency: currency)]), Is.EqualTo(expected));
    }

    [Test]
    public void Should_count_two_partials_that_empty_the_charge_as_full()
    {
        Assert.That(RefundLedger.ScopeOf(5000, [Refund("re_1", 3000), Refund("re_2", 2000, minutes: 1)]), Is.EqualTo(RefundScope.Full));
    }

    [Test]
    public void Should_refuse_refunds_above_the_charge()
    {
        Assert.Throws<ArgumentException>(() => RefundLedger.ScopeOf(1000, [Refund("re_1", 1001)]));
    }
}
