using MassTransit;
using MassTransit.Testing;
using Payments.Contracts.Shared;
using Payments.Contracts.StripeRefund;

namespace Payments.Sagas.Tests.StripeRefund;

/// <summary>The refund's event can come before charge-to-order has written its P21 order back onto the charge: the flow waits and reads again.</summary>
public class When_a_refund_arrives_before_its_charges_order : RefundSpec
{
    [SetUp]
    public void ShortRechecks()
    {
        Options.RecheckAfter = TimeSpan.FromMilliseconds(300);
        // Delayed delivery on a busy 2-core machine can take seconds.
        Harness.TestTimeout = TimeSpan.FromSeconds(30);
    }

    [Test]
    public async Task Should_wait_visibly_and_book_once_a_recheck_finds_the_order()
    {
        Options.MaxRechecks = 50;
        Charge(p21Order: null, refunds: Listed("re_1", 3000));
        var report = Reported();
        await Harness.Bus.Publish(report);
        var waiting = await WaitForState(report.CorrelationId, Machine.AwaitingOriginalDocument, settle: false);
        Assert.Multiple(() =>
        {
            Assert.That(waiting.RecheckTokenId, Is.Not.Null, "the recheck is scheduled");
            Assert.That(Published<PostP21RefundReturn>(), Is.Empty);
        });

        // charge-to-order's last step: the P21 order number written onto the charge.
        World.Change("ch_r1", c => c with { P21OrderNo = "1046", P21CustomerId = "100198" });

        var saga = await WaitForState(report.CorrelationId, Machine.Final);
        Assert.Multiple(() =>
        {
            Assert.That(Harness.Consumed.Select<RecheckRefundedCharge>().Any(), Is.True);
            Assert.That(Published<PostP21RefundReturn>().Single().P21OrderNo, Is.EqualTo("1046"));
            Assert.That(saga.RecheckCount, Is.GreaterThanOrEqualTo(1));
            Assert.That(saga.P21DocumentNumber, Is.EqualTo("RMA-re_1"));
        });
    }

    [Test]
    public async Task Should_need_attention_with_the_reason_after_the_last_recheck()
    {
        Options.MaxRechecks = 2;
        Charge(p21Order: null, refunds: Listed("re_1", 3000));
        var report = Reported();

        await Harness.Bus.Publish(report);

        var saga = await WaitForState(report.CorrelationId, Machine.NeedsAttention);
        Assert.Multiple(() =>
        {
            Assert.That(Published<DescribeRefundedCharge>(), Has.Count.EqualTo(3), "the first read and two rechecks");
            Assert.That(saga.RecheckCount, Is.EqualTo(2));
            Assert.That(saga.FailureReason, Does.Contain("names neither a P21 order").And.Contain("after 2 rechecks"));
            Assert.That(Published<FlowFailed>().Single().Reason, Is.EqualTo(saga.FailureReason));
            Assert.That(Published<PostP21RefundReturn>(), Is.Empty);
        });
    }

    [Test]
    public async Task Should_try_again_from_attention_when_a_newer_report_comes_once_the_order_exists()
    {
        Options.MaxRechecks = 0;
        Charge(p21Order: null, refunds: Listed("re_1", 3000, status: "pending"));
        var report = Reported(status: "pending");
        await Harness.Bus.Publish(report);
        await WaitForState(report.CorrelationId, Machine.NeedsAttention);

        World.Change("ch_r1", c => c with { P21OrderNo = "1046" });
        await Harness.Bus.Publish(Reported(status: "succeeded", eventType: "refund.updated", secondsLater: 60));

        var saga = await WaitForState(report.CorrelationId, Machine.Final);
        Assert.Multiple(() =>
        {
            Assert.That((saga.Status, saga.FailedStep, saga.FailureReason), Is.EqualTo(("succeeded", (string?)null, (string?)null)));
            Assert.That(Published<PostP21RefundReturn>().Single().AmountMinor, Is.EqualTo(3000));
        });
    }

    [Test]
    public async Task Should_cancel_the_recheck_when_the_refund_fails_while_it_waits()
    {
        Options.RecheckAfter = TimeSpan.FromMilliseconds(800);
        Charge(p21Order: null, refunds: Listed("re_1", 3000, status: "pending"));
        var report = Reported(status: "pending");
        await Harness.Bus.Publish(report);
        await WaitForState(report.CorrelationId, Machine.AwaitingOriginalDocument, settle: false);

        await Harness.Bus.Publish(Reported(status: "failed", eventType: "refund.failed", failureReason: "expired_or_canceled_card", secondsLater: 60));

        var saga = await WaitForState(report.CorrelationId, Machine.Canceled);
        await Task.Delay(Options.RecheckAfter * 3);
        await Settled();
        Assert.Multiple(() =>
        {
            Assert.That(Published<DescribeRefundedCharge>(), Has.Count.EqualTo(1), "no recheck after the refund failed");
            Assert.That((saga.CurrentState, saga.StripeFailureReason, saga.RecheckTokenId), Is.EqualTo(("Canceled", "expired_or_canceled_card", (Guid?)null)));
            Assert.That(Published<PostP21RefundReturn>(), Is.Empty);
            Assert.That(Published<FlowCompleted>(), Is.Empty);
        });
    }
}
