using MassTransit.Testing;
using Microsoft.Extensions.Logging;
using Payments.Contracts.PayoutReconciliation;

namespace Payments.Sagas.Tests.PayoutReconciliation;

public class When_payout_events_arrive_out_of_order_or_twice : PayoutSpec
{
    static IEnumerable<TestCaseData> Orders()
    {
        yield return new TestCaseData((object)new[] { Completed(), Paid(), Created() }).SetName("{m}(completed, paid, created)");
        yield return new TestCaseData((object)new[] { Paid(), Created(), Completed(), Completed() }).SetName("{m}(paid before created, completed twice)");
        yield return new TestCaseData((object)new[] { Created(), Completed(), Completed(), Paid(), Created() }).SetName("{m}(completed twice, created after paid)");
        yield return new TestCaseData((object)new[] { Created(), Paid(), Completed(), Created(), Paid(), Completed() }).SetName("{m}(everything twice)");
    }

    [TestCaseSource(nameof(Orders))]
    public async Task Should_list_once_and_post_once(StripePayoutReported[] reports)
    {
        await PublishInTurn(reports);

        var saga = await WaitForState(Machine.Posted);
        await Settled();

        Assert.Multiple(() =>
        {
            Assert.That((Count<ListPayoutTransactions>(), Count<PostPayoutJournal>()), Is.EqualTo((1, 1)));
            Assert.That((saga.Status, saga.ReconciliationStatus, saga.Run), Is.EqualTo(("paid", "completed", 1)));
            Assert.That(saga.LastStripeEventId, Is.EqualTo(Completed().StripeEventId), "the newest snapshot is the one kept");
            Assert.That(MachineLogs(LogLevel.Warning), Is.Empty, "repeats and late snapshots are expected, not warnings");
        });
    }

    [Test]
    public async Task Should_let_an_older_snapshot_change_nothing()
    {
        await PublishInTurn(Paid(minutes: 10));
        await PublishInTurn(Created(minutes: 0));

        var saga = await WaitForState(Machine.AwaitingSettlement);
        Assert.Multiple(() =>
        {
            Assert.That((saga.Status, saga.LastStripeEventId), Is.EqualTo(("paid", Paid(minutes: 10).StripeEventId)));
            Assert.That(Logs.Entries.Any(e => e.Message.Contains("is older than the snapshot taken")), Is.True);
        });
    }

    [Test]
    public async Task Should_take_the_further_snapshot_of_the_same_second()
    {
        // payout.paid and payout.reconciliation_completed may carry the same created second, in either order.
        await PublishInTurn(Reported("payout.reconciliation_completed", "paid", 10, "completed"), Reported("payout.paid", "paid", 10));

        var saga = await WaitForState(Machine.Posted);

        Assert.That((saga.ReconciliationStatus, Count<ListPayoutTransactions>()), Is.EqualTo(("completed", 1)));
    }

    [Test]
    public async Task Should_refuse_a_report_with_a_status_it_does_not_know()
    {
        await Harness.Bus.Publish(Reported("payout.updated", "reversed", 0));

        Assert.That(await Harness.Published.Any<MassTransit.Fault<StripePayoutReported>>(), Is.True);
        var fault = Harness.Published.Select<MassTransit.Fault<StripePayoutReported>>().Single().Context.Message;
        Assert.That(Flows.FaultReason.Describe(fault), Does.Contain("'reversed' is not a Stripe payout status this flow knows"));
        Assert.That(Count<ListPayoutTransactions>(), Is.Zero);
    }
}
