using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Payments.Gateway.Data;

namespace Payments.Gateway.Tests.Data;

/// <summary>
/// Accepted webhooks (the duplicate-detection record, with the event's payload) and rejected ones (signed bodies with
/// customer data) are kept for their own configured retention and then removed by the gateway's cleanup.
/// </summary>
[TestFixture("Sqlite")]
[TestFixture("Postgres")]
public class When_webhook_records_outlive_their_retention(string provider)
{
    static readonly Dictionary<string, string?> Retention = new()
    {
        ["Gateway:Retention:WebhookEvents"] = "3.00:00:00",
        ["Gateway:Retention:RejectedWebhooks"] = "1.00:00:00",
        ["Database:Cleanup:Interval"] = "00:00:00.100",
    };

    Task<GatewayHost> Start() => provider == "Postgres"
        ? GatewayHost.StartOnPostgresAsync(TestPostgres.ServerOrIgnore(), Retention)
        : GatewayHost.StartAsync(Retention);

    [Test]
    public async Task Should_remove_each_kind_after_its_own_retention()
    {
        await using var gateway = await Start();
        var now = DateTimeOffset.UtcNow;
        await using (var scope = gateway.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GatewayDbContext>();
            db.WebhookEvents.AddRange(Accepted("evt_expired", now.AddDays(-4)), Accepted("evt_kept", now.AddDays(-2)));
            db.RejectedWebhooks.AddRange(Rejected("evt_rejected_expired", now.AddDays(-2)), Rejected("evt_rejected_kept", now.AddHours(-1)));
            await db.SaveChangesAsync();
        }

        var deadline = DateTime.UtcNow.AddSeconds(30);
        List<string> events, rejected;
        do
        {
            await Task.Delay(100);
            events = (await gateway.RecordedEventsAsync()).Select(e => e.EventId).ToList();
            rejected = (await gateway.RejectedAsync()).Select(r => r.EventId!).ToList();
        }
        while ((events.Count != 1 || rejected.Count != 1) && DateTime.UtcNow < deadline);

        Assert.Multiple(() =>
        {
            Assert.That(events, Is.EqualTo(new[] { "evt_kept" }), "Gateway:Retention:WebhookEvents");
            Assert.That(rejected, Is.EqualTo(new[] { "evt_rejected_kept" }), "Gateway:Retention:RejectedWebhooks");
        });
    }

    static WebhookEvent Accepted(string id, DateTimeOffset receivedAt) => new()
    {
        Source = WebhookSources.Stripe,
        EventId = id,
        Type = "charge.succeeded",
        ReceivedAt = receivedAt,
        Outcome = WebhookOutcome.Ignored,
        Payload = "{}",
    };

    static RejectedWebhook Rejected(string id, DateTimeOffset receivedAt) => new()
    {
        Source = WebhookSources.Stripe,
        EventId = id,
        ReceivedAt = receivedAt,
        Reason = "invalid_event",
        Detail = "test",
        Payload = "{\"customer_email\":\"someone@example.com\"}",
    };
}

public class When_the_webhook_retention_is_shorter_than_Stripes_redelivery
{
    [Test]
    public void Should_refuse_to_start_and_say_why()
    {
        var refused = Assert.ThrowsAsync<OptionsValidationException>(() => GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            ["Gateway:Retention:WebhookEvents"] = "2.00:00:00",
            ["Gateway:Retention:RejectedWebhooks"] = "00:00:00",
        }))!;

        Assert.That(refused.Failures, Has.Some.Contains("Gateway:Retention:WebhookEvents").And.Some.Contains("3 days")
            .And.Some.Contains("Gateway:Retention:RejectedWebhooks"));
    }
}
