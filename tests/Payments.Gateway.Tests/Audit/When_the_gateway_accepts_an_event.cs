using System.Diagnostics;
using System.Net;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Payments.Contracts.ChargeToOrder;
using Payments.Contracts.Shared;
using Payments.Gateway.Audit;
using Payments.Persistence.Audit;
using Payments.Simulators.Stripe;

namespace Payments.Gateway.Tests.Audit;

/// <summary>
/// Each accepted Stripe event is the first entry of its payment's story, and names the conversation its messages carry. It is written
/// after the commit (IntakeAuditPass), so Stripe's answer waits for one commit and does not depend on the audit database.
/// </summary>
[TestFixture]
public class When_the_gateway_accepts_an_event
{
    static ChargeSpec NewCharge() => new() { Amount = 2_500, Currency = "usd", BillingEmail = "buyer@example.com", Metadata = new Dictionary<string, string> { ["items"] = "ABC-1:1" } };

    [TestCase(false, TestName = "Should_record_one_intake_entry_with_the_conversation_of_the_published_message")]
    [TestCase(true, TestName = "Should_record_one_intake_entry_with_the_conversation_of_the_published_message_on_PostgreSQL")]
    public async Task Should_record_one_intake_entry(bool onPostgres)
    {
        await using var gateway = onPostgres ? await GatewayHost.StartOnPostgresAsync(TestPostgres.ServerOrIgnore()) : await GatewayHost.StartAsync();
        var charge = NewCharge();
        var evt = StripeEventBuilder.ChargeSucceeded(charge);

        var first = await gateway.PostAsync(evt.Json, evt.Sign(GatewayHost.Secret));
        var again = await gateway.PostAsync(evt.Json, evt.Sign(GatewayHost.Secret));
        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await gateway.PublishedAsync<StripeChargeSucceeded>();
        var published = gateway.Harness.Consumed.Select<StripeChargeSucceeded>().Single(m => m.Context.Message.StripeEventId == evt.Id);

        var story = await StoryWithIntakeAsync(gateway, charge.Id);

        var intake = story.Single(e => e.System == AuditSystems.Intake);
        var record = (await gateway.RecordedEventsAsync()).Single();
        Assert.Multiple(() =>
        {
            Assert.That(story.Count(e => e.CausedBy == evt.Id), Is.EqualTo(1), "a redelivery was recorded again");
            Assert.That(intake.Action, Is.EqualTo("webhook charge.succeeded"));
            Assert.That(intake.CausedBy, Is.EqualTo(evt.Id));
            Assert.That(intake.Flow, Is.EqualTo(FlowNames.ChargeToOrder));
            Assert.That(intake.Step, Is.EqualTo(nameof(StripeChargeSucceeded)));
            Assert.That(intake.Subject, Is.EqualTo(CorrelationKey.StripePayment(charge.PaymentIntentId, charge.Id).ToString()));
            Assert.That(intake.ConversationId, Is.EqualTo(published.Context.ConversationId), "the published message does not carry the intake's conversation");
            Assert.That(intake.ConversationId, Is.EqualTo(StripeEventIntake.ConversationOf(evt.Id, record.ReceivedAt)));
            Assert.That(intake.Result, Is.EqualTo($"published {nameof(StripeChargeSucceeded)}"));
            Assert.That(intake.At, Is.EqualTo(record.ReceivedAt).Within(TimeSpan.FromMilliseconds(1)), "the intake is not dated when the event arrived");
            Assert.That(record.Published, Is.EqualTo(nameof(StripeChargeSucceeded)));
        });
        Assert.That(await AuditedAtAsync(gateway), Is.Not.Null, "the record was not marked as audited");
    }

    [Test]
    public async Task Should_answer_Stripe_while_the_audit_database_is_down_and_record_the_intake_once_it_is_back()
    {
        var logs = new CapturedLogs { MinimumLevel = LogLevel.Information };
        var trail = new FailingAuditTrail(failures: 2);
        await using var gateway = await GatewayHost.StartAsync(logs: logs, services: services =>
            services.AddSingleton<IAuditTrail>(provider => trail.Over(ActivatorUtilities.CreateInstance<EfAuditTrail>(provider))));
        var charge = NewCharge();
        var evt = StripeEventBuilder.ChargeSucceeded(charge);

        var answer = await gateway.PostAsync(evt.Json, evt.Sign(GatewayHost.Secret));
        var whileDown = await HealthAsync(gateway, HealthStatus.Degraded);

        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.OK), "Stripe's answer waited for the audit trail");
        Assert.That(whileDown.Status, Is.EqualTo(HealthStatus.Degraded), "/health did not tell that intake entries wait");
        Assert.That(whileDown.Description, Does.Contain("have not reached the audit trail"));
        Assert.That(await answer.Content.ReadAsStringAsync(), Does.Contain("published"));
        Assert.That(await gateway.PublishedAsync<StripeChargeSucceeded>(), Has.Count.EqualTo(1));
        var story = await StoryWithIntakeAsync(gateway, charge.Id);
        Assert.That(story.Single(e => e.System == AuditSystems.Intake).CausedBy, Is.EqualTo(evt.Id));
        Assert.That(trail.Failed, Is.EqualTo(2), "the audit database was never down in this test");
        Assert.That(await AuditedAtAsync(gateway), Is.Not.Null);
        Assert.That((await HealthAsync(gateway, HealthStatus.Healthy)).Status, Is.EqualTo(HealthStatus.Healthy), "/health still degraded once the entries went in");
        Assert.Multiple(() =>
        {
            Assert.That(logs.AtLeast(LogLevel.Warning).Where(e => e.Category == typeof(IntakeAuditPass).FullName).Select(e => e.Message),
                Has.Some.Contains("could not be recorded in the audit trail"));
            Assert.That(logs.AtLeast(LogLevel.Error), Is.Empty);
        });
    }

    [Test]
    public async Task Should_record_the_intakes_still_waiting_when_the_gateway_stops()
    {
        var logs = new CapturedLogs { MinimumLevel = LogLevel.Information };
        var trail = new FailingAuditTrail(failures: 1);
        await using var gateway = await GatewayHost.StartAsync(logs: logs, services: services =>
            services.AddSingleton<IAuditTrail>(provider => trail.Over(ActivatorUtilities.CreateInstance<EfAuditTrail>(provider))));
        var charge = NewCharge();
        var evt = StripeEventBuilder.ChargeSucceeded(charge);
        var answer = await gateway.PostAsync(evt.Json, evt.Sign(GatewayHost.Secret));
        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        // The pass's first attempt fails, and it waits a second before the next: the gateway stops in that second.
        var waited = Stopwatch.StartNew();
        while (trail.Failed < 1 && waited.Elapsed < TimeSpan.FromSeconds(20))
            await Task.Delay(10);
        Assert.That(trail.Failed, Is.EqualTo(1), "the pass never tried");

        await gateway.StopAsync();

        Assert.That((await gateway.RecordedEventsAsync()).Single().AuditedAt, Is.Not.Null, "the record was left for the next start");
        var story = await gateway.Services.GetRequiredService<IAuditTrail>().StoryAsync(charge.Id, CancellationToken.None);
        Assert.That(story.Single(e => e.System == AuditSystems.Intake).CausedBy, Is.EqualTo(evt.Id));
        Assert.That(logs.AtLeast(LogLevel.Information).Select(e => e.Message), Has.Some.Contains("while stopping"));
    }

    /// <summary>The intake-audit health check's entry, read until it has <paramref name="wanted"/> (or 20 s have passed).</summary>
    static async Task<HealthReportEntry> HealthAsync(GatewayHost gateway, HealthStatus wanted)
    {
        var health = gateway.Services.GetRequiredService<HealthCheckService>();
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var entry = (await health.CheckHealthAsync(c => c.Name == IntakeAuditHealthCheck.Name)).Entries[IntakeAuditHealthCheck.Name];
            if (entry.Status == wanted || waited.Elapsed > TimeSpan.FromSeconds(20))
                return entry;
            await Task.Delay(20);
        }
    }

    /// <summary>
    /// The record's audit mark once it is set (or after 20 s). The pass marks the record after the trail's commit, in its own
    /// statement, so a story that already shows the intake may still be a moment ahead of the mark.
    /// </summary>
    static async Task<DateTimeOffset?> AuditedAtAsync(GatewayHost gateway)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var at = (await gateway.RecordedEventsAsync()).Single().AuditedAt;
            if (at is not null || waited.Elapsed > TimeSpan.FromSeconds(20))
                return at;
            await Task.Delay(20);
        }
    }

    /// <summary>The story of <paramref name="id"/> once its intake entry is there (written after the gateway's commit, within seconds).</summary>
    static async Task<IReadOnlyList<AuditEntry>> StoryWithIntakeAsync(GatewayHost gateway, string id)
    {
        var trail = gateway.Services.GetRequiredService<IAuditTrail>();
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var story = await trail.StoryAsync(id, CancellationToken.None);
            if (story.Any(e => e.System == AuditSystems.Intake) || waited.Elapsed > TimeSpan.FromSeconds(20))
                return story;
            await Task.Delay(50);
        }
    }

    /// <summary>The real trail behind a database that fails its first <c>failures</c> writes (an audit database down, then back).</summary>
    sealed class FailingAuditTrail(int failures) : IAuditTrail
    {
        IAuditTrail _inner = null!;
        int _calls;

        public int Failed => Math.Min(Volatile.Read(ref _calls), failures);

        public IAuditTrail Over(IAuditTrail inner)
        {
            _inner = inner;
            return this;
        }

        public Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken) =>
            Fail() ?? _inner.RecordAsync(entry, cancellationToken);

        public Task RecordAllAsync(IReadOnlyCollection<AuditEntry> entries, CancellationToken cancellationToken) =>
            Fail() ?? _inner.RecordAllAsync(entries, cancellationToken);

        public Task<IReadOnlyList<AuditEntry>> StoryAsync(string id, CancellationToken cancellationToken) => _inner.StoryAsync(id, cancellationToken);

        Task? Fail() => Interlocked.Increment(ref _calls) <= failures
            ? Task.FromException(new InvalidOperationException("The audit database is unavailable (test)"))
            : null;
    }
}
