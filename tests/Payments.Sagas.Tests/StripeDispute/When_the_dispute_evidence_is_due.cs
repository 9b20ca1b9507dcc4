using MassTransit.Testing;
using Payments.Contracts.StripeDispute;

namespace Payments.Sagas.Tests.StripeDispute;

public class When_the_dispute_evidence_is_due : DisputeSpec
{
    [SetUp]
    public void LongerTimeout() => Harness.TestTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Due three days and a second from now (the fake clock's now): with three days' notice the alert is a second away.</summary>
    static DateTimeOffset DueBySoon => T0.AddDays(3).AddSeconds(1);

    [Test]
    public async Task Should_alert_the_configured_days_before_the_due_date()
    {
        await PublishInTurn(Reported("charge.dispute.created", "needs_response", 0, dueBy: DueBySoon, transactions: Withdrawal()));

        Assert.That(await Eventually(() => Harness.Published.Select<DisputeEvidenceDueSoon>().Any()), Is.True);
        var alert = Harness.Published.Select<DisputeEvidenceDueSoon>().Single().Context.Message;
        var saga = Saga.Sagas.Contains(CorrelationId);
        Assert.Multiple(() =>
        {
            Assert.That((alert.DisputeId, alert.ChargeId, alert.DueBy, alert.AmountMinor, alert.Currency), Is.EqualTo((DisputeId, ChargeId, DueBySoon, 10_000L, "USD")));
            Assert.That((alert.P21OrderNo, alert.Reason), Is.EqualTo(("1001234", "fraudulent")));
            Assert.That(saga.EvidenceAlertedAt, Is.Not.Null);
        });
    }

    [Test]
    public async Task Should_alert_an_inquiry_that_needs_a_response_too()
    {
        await PublishInTurn(Reported("charge.dispute.created", "warning_needs_response", 0, dueBy: DueBySoon));

        Assert.That(await Eventually(() => Harness.Published.Select<DisputeEvidenceDueSoon>().Any()), Is.True);
    }

    [Test]
    public async Task Should_not_alert_once_the_dispute_is_closed()
    {
        await PublishInTurn(
            Reported("charge.dispute.created", "needs_response", 0, dueBy: DueBySoon, transactions: Withdrawal()),
            Reported("charge.dispute.closed", "lost", 1, dueBy: DueBySoon, transactions: Withdrawal()));
        await WaitForState(Machine.Lost);

        await Task.Delay(TimeSpan.FromSeconds(3));
        await Settled();

        Assert.Multiple(() =>
        {
            Assert.That(Harness.Published.Select<DisputeEvidenceDueSoon>().Any(), Is.False);
            Assert.That(Saga.Sagas.Contains(CorrelationId).EvidenceAlertTokenId, Is.Null, "the pending alert was unscheduled");
        });
    }

    [Test]
    public async Task Should_not_alert_once_the_evidence_is_submitted()
    {
        await PublishInTurn(
            Reported("charge.dispute.created", "needs_response", 0, dueBy: DueBySoon, transactions: Withdrawal()),
            Reported("charge.dispute.updated", "under_review", 1, dueBy: DueBySoon, transactions: Withdrawal()));

        await Task.Delay(TimeSpan.FromSeconds(3));
        await Settled();

        Assert.That(Harness.Published.Select<DisputeEvidenceDueSoon>().Any(), Is.False);
    }
}
