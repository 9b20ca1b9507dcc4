using MassTransit;
using Microsoft.EntityFrameworkCore;
using Payments.Persistence.Configuration;
using Payments.Persistence.Tests.Scheduling.Model;
using Payments.Persistence.Tests.Support;

namespace Payments.Persistence.Tests.Scheduling;

/// <summary>A state machine's Schedule/Unschedule through the durable scheduler, on the EF repository behind the inbox/outbox.</summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public class When_a_saga_schedules_a_timeout(DatabaseProvider provider)
{
    [Test]
    public async Task Should_reach_its_timeout_state_when_nothing_else_arrives()
    {
        await using var scenario = await SchedulerScenario.Create(provider);
        await using var host = await scenario.StartHost("A");
        var invoiceId = NewId.NextGuid();
        var dueTime = DateTime.UtcNow.AddSeconds(1);

        await host.Publish(new InvoiceIssued(invoiceId, dueTime));

        Assert.That(await Eventually.True(async () => (await Invoice(host, invoiceId))?.CurrentState == "Overdue"), "the invoice never became overdue");
        var invoice = (await Invoice(host, invoiceId))!;
        Assert.Multiple(async () =>
        {
            Assert.That(invoice.PaymentOverdueTokenId, Is.Null, "the fired schedule's token was kept");
            Assert.That(DateTime.UtcNow, Is.GreaterThanOrEqualTo(dueTime.AddMilliseconds(-1)), "overdue before its due time");
            Assert.That(await host.ScheduledMessages(), Is.Empty);
        });
    }

    [Test]
    public async Task Should_never_fire_the_timeout_when_the_awaited_event_arrives_first()
    {
        await using var scenario = await SchedulerScenario.Create(provider);
        await using var host = await scenario.StartHost("A");
        var invoiceId = NewId.NextGuid();
        var dueTime = DateTime.UtcNow.AddSeconds(3);

        await host.Publish(new InvoiceIssued(invoiceId, dueTime));
        Assert.That(await Eventually.True(async () => (await host.ScheduledMessages()).Count == 1), "the timeout was not scheduled");
        await host.Publish(new InvoicePaid(invoiceId));
        Assert.That(await Eventually.True(async () => (await host.ScheduledMessages()).Count == 0), "the timeout was not cancelled");
        Assert.That(DateTime.UtcNow, Is.LessThan(dueTime), "too slow to pay before the due time; the test proves nothing");

        await SchedulerScenario.Settle(dueTime);

        var invoice = (await Invoice(host, invoiceId))!;
        Assert.Multiple(() =>
        {
            Assert.That(invoice.CurrentState, Is.EqualTo("Settled"));
            Assert.That(invoice.PaymentOverdueTokenId, Is.Null);
            Assert.That(host.Harness.Consumed.Select<InvoicePaymentOverdue>().Count(), Is.Zero, "the cancelled timeout was delivered");
        });
    }

    static Task<InvoiceState?> Invoice(SchedulerHost host, Guid invoiceId) =>
        host.Query(db => db.Set<InvoiceState>().AsNoTracking().SingleOrDefaultAsync(x => x.CorrelationId == invoiceId));
}
