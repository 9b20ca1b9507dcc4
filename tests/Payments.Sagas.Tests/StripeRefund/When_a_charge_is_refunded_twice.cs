using MassTransit.Testing;
using Payments.Contracts.StripeRefund;

namespace Payments.Sagas.Tests.StripeRefund;

/// <summary>Stripe's <c>amount_refunded</c> is cumulative (30.00, then 50.00): booking it would book 30.00 twice. Each refund books its own.</summary>
public class When_a_charge_is_refunded_twice : RefundSpec
{
    [Test]
    public async Task Should_book_30_then_20_never_50_and_let_repeats_change_nothing()
    {
        Charge(amount: 5000, p21Order: null, znodeOrder: "ZN-1001", refunds: Listed("re_1", 3000));
        var first = Reported("re_1", 3000);
        await Report(first);
        await WaitForState(first.CorrelationId, Machine.Final);
        // charge.refunded after the first refund: the Stripe service lists the charge's refunds and reports each.
        await Report(Reported("re_1", 3000, eventType: "charge.refunded", secondsLater: 1));

        World.Change("ch_r1", c => c with { AmountRefundedMinor = 5000, Refunds = [Listed("re_1", 3000), Listed("re_2", 2000, minutes: 5)] });
        var second = Reported("re_2", 2000, secondsLater: 300);
        await Report(second);
        await WaitForState(second.CorrelationId, Machine.Final);
        // charge.refunded after the second (amount_refunded 5000) reports both refunds again; and Stripe redelivers refund.created.
        await Report(Reported("re_1", 3000, eventType: "charge.refunded", secondsLater: 301));
        await Report(Reported("re_2", 2000, eventType: "charge.refunded", secondsLater: 301));
        await Report(second);

        var posts = Published<PostP21RefundReturn>();
        var records = Published<RecordZnodeRefund>();
        Assert.Multiple(() =>
        {
            Assert.That(posts.Select(p => (p.RefundId, p.AmountMinor, p.Scope)), Is.EqualTo(new[] { ("re_1", 3000L, "Partial"), ("re_2", 2000L, "Full") }));
            Assert.That(posts.Any(p => p.AmountMinor == 5000), Is.False, "the cumulative amount is never booked");
            Assert.That(records.Select(r => (r.RefundId, r.AmountMinor)), Is.EqualTo(new[] { ("re_1", 3000L), ("re_2", 2000L) }));
            Assert.That(Saga.Sagas.Contains(second.CorrelationId).ZnodePaymentStatus, Is.EqualTo("REFUNDED"));
            Assert.That(Saga.Sagas.Contains(first.CorrelationId).ZnodePaymentStatus, Is.EqualTo("PARTIALLY REFUNDED"));
            Assert.That(Saga.Sagas.Contains(second.CorrelationId).OtherRefundsMinor, Is.EqualTo(3000));
            Assert.That(Published<DescribeRefundedCharge>(), Has.Count.EqualTo(2));
            Assert.That(MachineWarnings(), Is.Empty, "repeats are acknowledged at information level");
            Assert.That(Logs.Entries.Count(e => e.Message.Contains("already knows status succeeded")), Is.EqualTo(4));
        });
    }
}
