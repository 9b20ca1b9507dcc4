using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Payments.Contracts.Shared;
using Payments.Persistence.Configuration;
using Payments.Simulators.Smtp;

namespace Payments.Operations.Tests.Alerts;

/// <summary>
/// An outage fails 1,000 payments at the same step for the same reason: the people on call get one mail and one webhook, and after the
/// de-duplication window one summary each, with the count; a different failure in between is its own alert.
/// </summary>
[TestFixture(DatabaseProvider.Postgres)]
[TestFixture(DatabaseProvider.Sqlite)]
public class When_a_thousand_flows_fail_the_same_way(DatabaseProvider provider)
{
    const string Step = "PostP21Order";
    const string Reason = "P21 answered 503 Service Unavailable";

    TestDatabase _database = null!;
    SmtpCatcher _smtp = null!;
    WebhookReceiver _webhook = null!;
    FakeTimeProvider _clock = null!;
    AlertingReplica _replica = null!;

    [OneTimeSetUp]
    public async Task Fail_a_thousand_flows()
    {
        _database = await TestDatabase.Create(provider, "payments_alerts");
        _smtp = await SmtpCatcher.StartAsync();
        _webhook = await WebhookReceiver.StartAsync();
        _clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-30T10:00:00Z"));
        _replica = await AlertingReplica.StartAsync(_database, _smtp, _webhook, _clock);

        await Task.WhenAll(Enumerable.Range(0, 1000).Select(i => _replica.Bus.Publish(Failed($"stripe-payment:pi_{i}", Reason))));
        await _replica.Bus.Publish(Failed("stripe-payment:pi_other", "Item WIDGET-9 is not in P21"));
        await _replica.WaitForOccurrencesAsync(1001, TimeSpan.FromSeconds(90));
        await AlertingReplica.SettleAsync(() => _webhook.Received.Count, 2, TimeSpan.FromSeconds(10));
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _replica.DisposeAsync();
        await _webhook.DisposeAsync();
        await _smtp.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Test, Order(1)]
    public void Should_send_one_mail_per_distinct_failure()
    {
        var mails = _smtp.To(AlertingReplica.Recipient);
        Assert.That(mails.Select(m => m.Subject), Is.EquivalentTo(new[]
        {
            "[payments] charge-to-order failed at PostP21Order",
            "[payments] charge-to-order failed at PostP21Order",
        }));
        Assert.That(mails.Count(m => m.TextBody.Contains(Reason)), Is.EqualTo(1));
        Assert.That(mails.Count(m => m.TextBody.Contains("WIDGET-9")), Is.EqualTo(1));
    }

    [Test, Order(2)]
    public void Should_post_one_webhook_per_distinct_failure_with_its_secret()
    {
        var posts = _webhook.Received;
        Assert.That(posts, Has.Count.EqualTo(2));
        Assert.That(posts.Select(p => p.Secret), Is.All.EqualTo(AlertingReplica.WebhookSecret));
        Assert.That(posts.Select(p => p.Body.GetProperty("kind").GetString()), Is.All.EqualTo("flow-failed"));
        Assert.That(posts.Select(p => p.Body.GetProperty("summary").GetBoolean()), Is.All.False);
        Assert.That(posts.Count(p => p.Body.GetProperty("details").GetString()!.Contains(Reason)), Is.EqualTo(1));
    }

    [Test, Order(3)]
    public async Task Should_summarise_the_held_back_duplicates_once_after_the_window()
    {
        _clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));

        var summary = await _smtp.WaitForAsync(m => m.Subject.StartsWith("[payments] 999 more:", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        Assert.That(summary, Is.Not.Null, "the summary mail");
        Assert.That(summary!.TextBody, Does.Contain("1000 occurrences"));
        Assert.That(await _webhook.WaitForAsync(b => b.GetProperty("summary").GetBoolean() && b.GetProperty("occurrences").GetInt32() == 1000,
            TimeSpan.FromSeconds(10)), Is.True, "the summary webhook");

        await Task.Delay(TimeSpan.FromSeconds(1)); // a few more rounds of the summary service
        Assert.That(_smtp.To(AlertingReplica.Recipient), Has.Count.EqualTo(3), "two alerts and one summary (the other failure happened once: nothing to summarise)");
        Assert.That(_webhook.Received, Has.Count.EqualTo(3));
    }

    [Test, Order(4)]
    public async Task Should_alert_again_when_it_fails_after_the_window()
    {
        await _replica.Bus.Publish(Failed("stripe-payment:pi_late", Reason));

        Assert.That(await _smtp.WaitForAsync(m => m.Subject == "[payments] charge-to-order failed at PostP21Order" && m.TextBody.Contains("pi_late"),
            TimeSpan.FromSeconds(10)), Is.Not.Null);
    }

    static FlowFailed Failed(string subject, string reason) => new()
    {
        CorrelationId = Guid.NewGuid(),
        Flow = FlowNames.ChargeToOrder,
        Subject = subject,
        Step = Step,
        Reason = reason,
        FailedAt = DateTimeOffset.Parse("2026-11-30T10:00:00Z"),
    };
}
