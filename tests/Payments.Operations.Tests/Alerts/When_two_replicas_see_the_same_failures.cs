using Microsoft.Extensions.Time.Testing;
using Payments.Contracts.Shared;
using Payments.Persistence.Configuration;
using Payments.Simulators.Smtp;

namespace Payments.Operations.Tests.Alerts;

/// <summary>Two replicas of the operations service on one PostgreSQL database, each consuming half of an outage's failures at once: one alert, one summary.</summary>
public class When_two_replicas_see_the_same_failures
{
    [Test]
    public async Task Should_send_once_and_summarise_once()
    {
        await using var database = await TestDatabase.Create(DatabaseProvider.Postgres, "payments_alerts");
        await using var smtp = await SmtpCatcher.StartAsync();
        await using var webhook = await WebhookReceiver.StartAsync();
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-30T10:00:00Z"));
        // One after the other: each migrates the database at start.
        await using var first = await AlertingReplica.StartAsync(database, smtp, webhook, clock);
        await using var second = await AlertingReplica.StartAsync(database, smtp, webhook, clock);

        await Task.WhenAll(Enumerable.Range(0, 400).Select(i => (i % 2 == 0 ? first : second).Bus.Publish(new FlowFailed
        {
            CorrelationId = Guid.NewGuid(),
            Flow = FlowNames.StripeRefund,
            Subject = $"stripe-refund:re_{i}",
            Step = "PostP21Rma",
            Reason = "P21 refused the login (401)",
            FailedAt = clock.GetUtcNow(),
        })));
        await first.WaitForOccurrencesAsync(400, TimeSpan.FromSeconds(60));

        await AlertingReplica.SettleAsync(() => webhook.Received.Count, 1, TimeSpan.FromSeconds(10));
        Assert.That(smtp.Mails, Has.Count.EqualTo(1), "one mail from the two replicas");
        Assert.That(webhook.Received, Has.Count.EqualTo(1), "one webhook from the two replicas");

        clock.Advance(TimeSpan.FromHours(2));
        Assert.That(await smtp.WaitForAsync(m => m.Subject.StartsWith("[payments] 399 more:", StringComparison.Ordinal), TimeSpan.FromSeconds(10)), Is.Not.Null);
        await Task.Delay(TimeSpan.FromSeconds(1)); // both replicas' summary services have looked several times
        Assert.That(smtp.Mails, Has.Count.EqualTo(2), "one summary from the two replicas");
        Assert.That(webhook.Received, Has.Count.EqualTo(2));
    }
}
