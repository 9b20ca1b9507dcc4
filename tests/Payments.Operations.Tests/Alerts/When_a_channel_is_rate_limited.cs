using Microsoft.Extensions.Time.Testing;
using Payments.Contracts.Shared;
using Payments.Persistence.Configuration;
using Payments.Simulators.Smtp;

namespace Payments.Operations.Tests.Alerts;

/// <summary>Many different failures at once: each channel sends its burst, holds the rest back, and says so in the next alert it sends.</summary>
public class When_a_channel_is_rate_limited
{
    [Test]
    public async Task Should_send_the_burst_and_count_the_rest()
    {
        await using var database = await TestDatabase.Create(DatabaseProvider.Sqlite, "payments_alerts");
        await using var smtp = await SmtpCatcher.StartAsync();
        await using var webhook = await WebhookReceiver.StartAsync();
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-30T10:00:00Z"));
        await using var replica = await AlertingReplica.StartAsync(database, smtp, webhook, clock, new Dictionary<string, string?>
        {
            ["Alerts:RateLimitBurst"] = "3",
            ["Alerts:RateLimitPerHour"] = "1",
        });

        for (var i = 0; i < 8; i++)
        {
            await replica.Bus.Publish(new FlowFailed
            {
                CorrelationId = Guid.NewGuid(),
                Flow = FlowNames.ChargeToOrder,
                Subject = $"stripe-payment:pi_{i}",
                Step = "PostP21Order",
                Reason = $"Item ITEM-{i} is not in P21",
                FailedAt = clock.GetUtcNow(),
            });
            await replica.WaitForOccurrencesAsync(i + 1, TimeSpan.FromSeconds(30)); // in order, so which are held back is known
        }

        await AlertingReplica.SettleAsync(() => webhook.Received.Count, 3, TimeSpan.FromSeconds(10));
        Assert.That(smtp.Mails, Has.Count.EqualTo(3));
        Assert.That(webhook.Received, Has.Count.EqualTo(3));
        Assert.That(smtp.Mails.Select(m => m.TextBody), Has.None.Contains("ITEM-5"));
    }
}
