using MassTransit.Testing;
using Microsoft.Extensions.Logging;
using Payments.Contracts.PayoutReconciliation;

namespace Payments.Sagas.Tests.PayoutReconciliation;

public class When_a_payout_does_not_settle_in_time : PayoutSpec
{
    [SetUp]
    public void LongerTimeout() => Harness.TestTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Arrived three days (the grace) less a second ago by the fake clock: the alert is a second away.</summary>
    static readonly DateTimeOffset ArrivedAlmostGraceAgo = T0.AddDays(-3).AddSeconds(1);

    [Test]
    public async Task Should_alert_once_and_still_reconcile_it_when_it_settles_later()
    {
        await PublishInTurn(Reported("payout.created", "in_transit", 0, arrival: ArrivedAlmostGraceAgo));

        Assert.That(await Eventually(() => Count<PayoutNotSettled>() > 0), Is.True);
        var alert = Harness.Published.Select<PayoutNotSettled>().Single().Context.Message;
        var saga = Saga.Sagas.Contains(CorrelationId);
        Assert.Multiple(() =>
        {
            Assert.That((alert.PayoutId, alert.AmountMinor, alert.Currency, alert.ArrivalDate, alert.Status, alert.ReconciliationStatus),
                Is.EqualTo((PayoutId, Amount, "USD", ArrivedAlmostGraceAgo, "in_transit", "in_progress")));
            Assert.That(alert.Reason, Does.Contain("still in_transit"));
            Assert.That((saga.CurrentState, saga.SettlementAlertedAt is not null, saga.SettlementAlertTokenId),
                Is.EqualTo((Machine.AwaitingSettlement.Name, true, (Guid?)null)));
            Assert.That(MachineLogs(LogLevel.Warning).Single().Message, Does.Contain($"Payout {PayoutId} (1000.00 USD) has not settled"));
        });

        await PublishInTurn(Reported("payout.paid", "paid", 10, "completed", arrival: ArrivedAlmostGraceAgo));
        await WaitForState(Machine.Posted);
        Assert.That(Count<PayoutNotSettled>(), Is.EqualTo(1));
    }

    [Test]
    public async Task Should_say_when_a_paid_payouts_transactions_are_not_final()
    {
        await PublishInTurn(Reported("payout.paid", "paid", 0, "in_progress", arrival: T0.AddDays(-10)));

        Assert.That(await Eventually(() => Count<PayoutNotSettled>() > 0), Is.True, "long past the grace when first seen: at once");
        Assert.That(Harness.Published.Select<PayoutNotSettled>().Single().Context.Message.Reason, Does.Contain("has not completed its balance transactions"));
    }

    [Test]
    public async Task Should_not_alert_when_it_settles_in_time()
    {
        var arrival = T0.AddDays(-3).AddSeconds(2);
        await PublishInTurn(Reported("payout.created", "pending", 0, arrival: arrival));
        Assert.That(Saga.Sagas.Contains(CorrelationId).SettlementAlertTokenId, Is.Not.Null);

        await PublishInTurn(Reported("payout.reconciliation_completed", "paid", 1, "completed", arrival: arrival));
        var saga = await WaitForState(Machine.Posted);
        Assert.That(saga.SettlementAlertTokenId, Is.Null, "unscheduled when the listing started");
        await Task.Delay(TimeSpan.FromSeconds(3));
        await Settled();

        Assert.Multiple(() =>
        {
            Assert.That(Count<PayoutNotSettled>(), Is.Zero);
            Assert.That(MachineLogs(LogLevel.Warning), Is.Empty, "the cancelled alert reaches no state");
        });
    }

    [Test]
    public async Task Should_not_alert_a_payout_that_failed()
    {
        var arrival = T0.AddDays(-3).AddSeconds(2);
        await PublishInTurn(Reported("payout.created", "pending", 0, arrival: arrival), Reported("payout.failed", "failed", 1, arrival: arrival, failureCode: "no_account"));
        await WaitForState(Machine.PayoutFailed);
        await Task.Delay(TimeSpan.FromSeconds(3));
        await Settled();

        Assert.That(Count<PayoutNotSettled>(), Is.Zero);
    }
}
