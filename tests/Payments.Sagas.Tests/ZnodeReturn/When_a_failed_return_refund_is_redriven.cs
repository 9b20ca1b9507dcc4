using MassTransit.Testing;
using Microsoft.Extensions.Logging;
using Payments.Contracts.ZnodeReturn;
using Payments.Sagas.ZnodeReturn;

namespace Payments.Sagas.Tests.ZnodeReturn;

public class When_a_failed_return_refund_is_redriven : ZnodeReturnSpec
{
    [Test]
    public async Task Should_keep_a_booking_that_came_while_Failed_and_complete_the_return_on_the_redriven_answer()
    {
        // The Stripe service gave up on RefundZnodeReturn (e.g. the connection dropped) although Stripe had made the refund.
        Stripe.StripeRefusal = "An error occurred with our connection to Stripe";
        var approved = Approved();
        await Harness.Bus.Publish(approved);
        await WaitForState(approved.CorrelationId, Machine.Failed);
        var command = Published<RefundZnodeReturn>().Single();

        // Stripe's webhook reports the refund; the stripe-refund flow books it and tells this flow, which is still in Failed.
        await Harness.Bus.Publish(RefundingStripe.Reported(command));
        for (var i = 0; i < 100 && !Saga.Consumed.Select<ZnodeReturnRefundBooked>().Any(); i++) await Task.Delay(100);
        Assert.That(Saga.Consumed.Select<ZnodeReturnRefundBooked>().Any(), Is.True, "the stripe-refund flow booked the refund and told this flow");
        await Settled();
        var failed = Saga.Sagas.Contains(approved.CorrelationId);
        Assert.Multiple(() =>
        {
            Assert.That((failed.CurrentState, failed.P21DocumentNumber), Is.EqualTo((Machine.Failed.Name, "JE-re_RMA-77")), "the booking is kept");
            Assert.That(Published<CompleteZnodeReturn>(), Is.Empty);
        });

        // The redrive: the Stripe service finds the refund by its idempotency key and answers.
        await Harness.Bus.Publish(RefundingStripe.Refunded(command));

        var saga = await WaitForState(approved.CorrelationId, Machine.Final);
        await Settled();
        Assert.Multiple(() =>
        {
            Assert.That(Published<CompleteZnodeReturn>().Single().P21DocumentNumber, Is.EqualTo("JE-re_RMA-77"));
            Assert.That((saga.RefundId, saga.RefundStatus, saga.FailedStep), Is.EqualTo(("re_RMA-77", "succeeded", (string?)null)));
        });
    }

    [Test]
    public async Task Should_take_the_redriven_answer_after_a_refund_that_failed_at_once()
    {
        Stripe.HoldStripesAnswer = true;
        var approved = Approved();
        await Harness.Bus.Publish(approved);
        Assert.That(await Harness.Consumed.Any<RefundZnodeReturn>(), Is.True);
        var command = Published<RefundZnodeReturn>().Single();

        await Harness.Bus.Publish(RefundingStripe.Refunded(command) with { Status = "failed" });
        await WaitForState(approved.CorrelationId, Machine.Failed);
        await Settled();
        var failed = Saga.Sagas.Contains(approved.CorrelationId);
        var machineLogs = Logs.Entries.Where(e => e.Category == typeof(ZnodeReturnStateMachine).FullName).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(failed.RefundedAt, Is.Null, "a failed refund is not a refund");
            Assert.That(machineLogs.Where(e => e.Level >= LogLevel.Error), Is.Empty, "a refund Stripe failed is a business outcome");
            Assert.That(machineLogs.Count(e => e.Level == LogLevel.Warning && e.Message.Contains("is failed")), Is.EqualTo(1));
        });

        await Harness.Bus.Publish(RefundingStripe.Refunded(command));

        var saga = await WaitForState(approved.CorrelationId, Machine.Final);
        await Settled();
        Assert.Multiple(() =>
        {
            Assert.That(Published<CompleteZnodeReturn>().Single().RefundId, Is.EqualTo("re_RMA-77"));
            Assert.That((saga.RefundStatus, saga.FailedStep), Is.EqualTo(("succeeded", (string?)null)));
            Assert.That(saga.RefundedAt, Is.Not.Null);
        });
    }
}
