using MassTransit.Testing;
using Payments.Contracts.StripeRefund;

namespace Payments.Sagas.Tests.StripeRefund;

public class When_refund_reports_arrive_out_of_order : RefundSpec
{
    [Test]
    public async Task Should_let_an_older_pending_report_change_nothing_after_the_newer_success()
    {
        Charge(p21Order: "1045", refunds: Listed("re_1", 3000));
        var succeeded = Reported(status: "succeeded", eventType: "refund.updated", secondsLater: 120);
        await Report(succeeded);
        await WaitForState(succeeded.CorrelationId, Machine.Final);

        await Report(Reported(status: "pending", eventType: "refund.created", secondsLater: 0));

        var saga = Saga.Sagas.Contains(succeeded.CorrelationId);
        Assert.Multiple(() =>
        {
            Assert.That((saga.Status, saga.LastReportedAt, saga.CurrentState), Is.EqualTo(("succeeded", T0.AddSeconds(120).UtcDateTime, "Final")));
            Assert.That(Published<PostP21RefundReturn>(), Has.Count.EqualTo(1));
            Assert.That(MachineWarnings(), Is.Empty);
            Assert.That(Logs.Entries.Any(e => e.Message.Contains("is older than the report the flow acted on")), Is.True);
        });
    }

    [Test]
    public async Task Should_not_undo_a_reversal_for_an_older_success()
    {
        Charge(p21Order: "1045", refunds: Listed("re_1", 3000));
        var pending = Reported(status: "pending");
        await Report(pending);
        await WaitForState(pending.CorrelationId, Machine.Final);
        await Report(Reported(status: "failed", eventType: "refund.failed", secondsLater: 300));
        await WaitForState(pending.CorrelationId, Machine.Reversed);

        await Report(Reported(status: "succeeded", eventType: "refund.updated", secondsLater: 60));

        Assert.Multiple(() =>
        {
            Assert.That(Saga.Sagas.Contains(pending.CorrelationId).CurrentState, Is.EqualTo("Reversed"));
            Assert.That(Published<PostP21RefundReturn>(), Has.Count.EqualTo(1));
            Assert.That(Published<ReverseP21RefundReturn>(), Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task Should_record_a_newer_success_without_booking_again()
    {
        Charge(p21Order: "1045", refunds: Listed("re_1", 3000, status: "pending"));
        var pending = Reported(status: "pending");
        await Report(pending);
        await WaitForState(pending.CorrelationId, Machine.Final);

        await Report(Reported(status: "succeeded", eventType: "refund.updated", secondsLater: 60));

        Assert.Multiple(() =>
        {
            Assert.That(Saga.Sagas.Contains(pending.CorrelationId).Status, Is.EqualTo("succeeded"));
            Assert.That(Published<PostP21RefundReturn>(), Has.Count.EqualTo(1));
        });
    }
}
