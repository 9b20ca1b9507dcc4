using MassTransit;
using MassTransit.Scheduling;
using Payments.Persistence.Configuration;
using Payments.Persistence.Scheduling;
using Payments.Persistence.Tests.Scheduling.Model;
using Payments.Persistence.Tests.Support;

namespace Payments.Persistence.Tests.Scheduling;

/// <summary>A test's database, its schema, and the log and tokens its hosts share.</summary>
sealed class SchedulerScenario : IAsyncDisposable
{
    SchedulerScenario(TestDatabase database) => Database = database;

    public TestDatabase Database { get; }
    public ReminderLog Log { get; } = new();
    public ReminderTokens Tokens { get; } = new();

    public static async Task<SchedulerScenario> Create(DatabaseProvider provider)
    {
        var database = await TestDatabase.Create(provider, "payments_scheduler_test");
        await SchedulerHost.CreateSchema(database);
        return new SchedulerScenario(database);
    }

    public Task<SchedulerHost> StartHost(string name, int batchSize = 100) => SchedulerHost.Start(Database, name, Log, Tokens, batchSize);

    /// <summary>Waits, beyond <paramref name="dueTime"/>, long enough for any late or second firing to show.</summary>
    public static Task Settle(DateTime dueTime)
    {
        var wait = dueTime - DateTime.UtcNow + 5 * SchedulerHost.PollInterval;
        return wait > TimeSpan.Zero ? Task.Delay(wait) : Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}

[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public class When_a_consumer_schedules_a_message(DatabaseProvider provider)
{
    [Test]
    public async Task Should_deliver_it_once_at_its_time()
    {
        await using var scenario = await SchedulerScenario.Create(provider);
        await using var host = await scenario.StartHost("A");
        var reminderId = NewId.NextGuid();
        var dueTime = DateTime.UtcNow.AddSeconds(1.5);

        await host.Publish(new ScheduleReminder(reminderId, "evidence due", dueTime));

        Assert.That(await Eventually.True(() => Task.FromResult(scenario.Log.For(reminderId).Count > 0)), "the reminder never arrived");
        await SchedulerScenario.Settle(dueTime);

        var deliveries = scenario.Log.For(reminderId);
        Assert.That(deliveries, Has.Count.EqualTo(1), "delivered more than once");
        var delivery = deliveries[0];
        TestContext.Out.WriteLine($"delivered {(delivery.ReceivedAt - dueTime).TotalMilliseconds:F0} ms after its due time");
        Assert.Multiple(async () =>
        {
            Assert.That(delivery.Text, Is.EqualTo("evidence due"));
            // PostgreSQL keeps microseconds: the stored due time may be a fraction of one below the scheduled one.
            Assert.That(delivery.ReceivedAt, Is.GreaterThanOrEqualTo(dueTime.AddMilliseconds(-1)), "delivered before its time");
            Assert.That(delivery.ReceivedAt, Is.LessThan(dueTime.AddSeconds(5)), "delivered long after its time");
            Assert.That(delivery.TokenId, Is.EqualTo(scenario.Tokens.ByReminder[reminderId]), "the scheduling token header was lost");
            Assert.That(await host.ScheduledMessages(), Is.Empty, "the fired schedule was not removed");
        });
    }

    [Test]
    public async Task Should_publish_it_when_it_was_scheduled_as_a_publish()
    {
        await using var scenario = await SchedulerScenario.Create(provider);
        await using var host = await scenario.StartHost("A");
        var reminderId = NewId.NextGuid();
        var dueTime = DateTime.UtcNow.AddSeconds(0.5);

        await host.Publish(new ScheduleReminder(reminderId, "payout missing", dueTime, Publish: true));

        Assert.That(await Eventually.True(() => Task.FromResult(scenario.Log.For(reminderId).Count > 0)), "the reminder never arrived");
        await SchedulerScenario.Settle(dueTime);
        Assert.That(scenario.Log.For(reminderId).Select(d => d.Text), Is.EqualTo(new[] { "payout missing" }));
    }
}

[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public class When_the_schedule_itself_was_redelivered(DatabaseProvider provider)
{
    [Test]
    public async Task Should_fire_a_message_with_a_delivery_history_of_its_own()
    {
        await using var scenario = await SchedulerScenario.Create(provider);
        await using var host = await scenario.StartHost("A");
        var reminderId = NewId.NextGuid();
        var scheduler = await host.Harness.Bus.GetSendEndpoint(SchedulerEndpoint.Address);

        // As it arrives after two trips through the wait queues (a transient failure of the scheduler's database).
        await scheduler.Send<ScheduleMessage>(new ScheduleMessageCommand<ReminderDue>(DateTime.UtcNow, ReminderScheduler.ReminderQueue,
            new ReminderDue(reminderId, "redelivered schedule"), NewId.NextGuid()), x => x.Headers.Set(MessageHeaders.RedeliveryCount, 2));

        Assert.That(await Eventually.True(() => Task.FromResult(scenario.Log.For(reminderId).Count == 1)), "the reminder never arrived");
        Assert.That(scenario.Log.For(reminderId)[0].RedeliveryCount, Is.Zero);
    }
}

[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public class When_a_schedule_names_a_destination_the_transport_cannot_use(DatabaseProvider provider)
{
    [Test]
    public async Task Should_refuse_it_and_still_fire_the_others()
    {
        await using var scenario = await SchedulerScenario.Create(provider);
        await using var host = await scenario.StartHost("A");
        var tokenId = NewId.NextGuid();
        var reminderId = NewId.NextGuid();
        var scheduler = await host.Harness.Bus.GetSendEndpoint(SchedulerEndpoint.Address);

        await scheduler.Send<ScheduleMessage>(new ScheduleMessageCommand<ReminderDue>(DateTime.UtcNow, new Uri("smtp://nowhere/reminders"),
            new ReminderDue(NewId.NextGuid(), "undeliverable"), tokenId));
        await host.Publish(new ScheduleReminder(reminderId, "deliverable", DateTime.UtcNow));

        Assert.That(await host.Harness.Published.Any<Fault<ScheduleMessage>>(x => x.Context.Message.Message.CorrelationId == tokenId),
            "the unusable schedule was not refused");
        Assert.That(await Eventually.True(() => Task.FromResult(scenario.Log.For(reminderId).Count == 1)), "the usable schedule did not fire");
        var fault = host.Harness.Published.Select<Fault<ScheduleMessage>>().First(x => x.Context.Message.Message.CorrelationId == tokenId).Context.Message;
        Assert.That(fault.Exceptions[0].Message, Does.Contain("smtp://nowhere/reminders"));
        Assert.That((await host.ScheduledMessages()).Select(m => m.TokenId), Does.Not.Contain(tokenId));
    }
}

[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public class When_a_scheduled_message_is_cancelled(DatabaseProvider provider)
{
    [Test]
    public async Task Should_never_deliver_it()
    {
        await using var scenario = await SchedulerScenario.Create(provider);
        await using var host = await scenario.StartHost("A");
        var reminderId = NewId.NextGuid();
        var dueTime = DateTime.UtcNow.AddSeconds(3);

        await host.Publish(new ScheduleReminder(reminderId, "unpaid intent", dueTime));
        Assert.That(await Eventually.True(async () => (await host.ScheduledMessages()).Count == 1), "the schedule was not stored");
        await host.Publish(new CancelReminder(reminderId));
        Assert.That(await Eventually.True(async () => (await host.ScheduledMessages()).Count == 0), "the schedule was not removed");
        Assert.That(DateTime.UtcNow, Is.LessThan(dueTime), "too slow to cancel before the due time; the test proves nothing");

        await SchedulerScenario.Settle(dueTime);

        Assert.That(scenario.Log.For(reminderId), Is.Empty, "a cancelled reminder was delivered");
    }

    [Test]
    public async Task Should_drop_its_schedule_when_the_cancellation_arrived_first()
    {
        await using var scenario = await SchedulerScenario.Create(provider);
        await using var host = await scenario.StartHost("A");
        var reminderId = NewId.NextGuid();
        var tokenId = NewId.NextGuid();
        var dueTime = DateTime.UtcNow.AddSeconds(0.5);
        var scheduler = await host.Harness.Bus.GetSendEndpoint(SchedulerEndpoint.Address);

        // The order a redelivery can produce: the cancel overtakes its schedule.
        await scheduler.Send<CancelScheduledMessage>(new { CorrelationId = NewId.NextGuid(), Timestamp = DateTime.UtcNow, TokenId = tokenId });
        Assert.That(await Eventually.True(async () => (await host.ScheduledMessages()).Any(m => m.TokenId == tokenId && m.Cancelled)),
            "the cancellation was not remembered");
        await scheduler.Send<ScheduleMessage>(new ScheduleMessageCommand<ReminderDue>(dueTime, ReminderScheduler.ReminderQueue,
            new ReminderDue(reminderId, "too late"), tokenId));
        Assert.That(await host.Harness.Consumed.Any<ScheduleMessage>(x => x.Context.Message.CorrelationId == tokenId), "the schedule was not consumed");

        await SchedulerScenario.Settle(dueTime);

        Assert.That(scenario.Log.For(reminderId), Is.Empty, "a schedule cancelled before it arrived was delivered");
    }
}

[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public class When_the_host_stops_before_the_due_time(DatabaseProvider provider)
{
    [Test]
    public async Task Should_deliver_it_once_from_the_host_started_after_it()
    {
        await using var scenario = await SchedulerScenario.Create(provider);
        var reminderId = NewId.NextGuid();
        DateTime dueTime;

        await using (var stopped = await scenario.StartHost("stopped"))
        {
            dueTime = DateTime.UtcNow.AddSeconds(3);
            await stopped.Publish(new ScheduleReminder(reminderId, "dispute evidence", dueTime));
            Assert.That(await Eventually.True(async () => (await stopped.ScheduledMessages()).Count == 1), "the schedule was not stored");
        }

        Assert.Multiple(() =>
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(dueTime), "the host stopped after the due time; the test proves nothing");
            Assert.That(scenario.Log.For(reminderId), Is.Empty);
        });

        await using var restarted = await scenario.StartHost("restarted");
        Assert.That(await Eventually.True(() => Task.FromResult(scenario.Log.For(reminderId).Count > 0)), "the reminder never arrived");
        await SchedulerScenario.Settle(dueTime);

        var deliveries = scenario.Log.For(reminderId);
        Assert.That(deliveries.Select(d => (d.Text, d.Host)), Is.EqualTo(new[] { ("dispute evidence", "restarted") }));
        Assert.That(deliveries[0].ReceivedAt, Is.GreaterThanOrEqualTo(dueTime.AddMilliseconds(-1)), "delivered before its time");
    }
}

[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public class When_two_replicas_share_the_database(DatabaseProvider provider)
{
    const int Reminders = 200;

    /// <summary>
    /// Correctness is asserted on every attempt; that both replicas fired is the precondition of the race, which a starved replica on a
    /// loaded machine can miss (CI once saw "first 200"), so it must hold in one of three attempts.
    /// </summary>
    [Test]
    public async Task Should_deliver_each_scheduled_message_exactly_once()
    {
        const int attempts = 3;
        var fired = new List<string>();
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            var byHost = await DeliverOnceFromTwoReplicasAsync();
            fired.Add(string.Join(", ", byHost.Select(h => $"{h.Key} {h.Value}")));
            if (byHost.Count == 2)
                return;
        }
        Assert.Fail($"one replica fired everything in each of {attempts} attempts ({string.Join("; ", fired)}): the race was not exercised");
    }

    async Task<Dictionary<string, int>> DeliverOnceFromTwoReplicasAsync()
    {
        await using var scenario = await SchedulerScenario.Create(provider);
        // One message per claim, so a due time's ten reminders take ten claims and the replicas' claims interleave. With five per claim
        // and due times 50 ms apart, a replica that woke first on a loaded machine stayed busy from one due time into the next and took
        // them all (CI on 07e78af: one replica fired all 200 in each of three attempts).
        await using var first = await scenario.StartHost("first", batchSize: 1);
        await using var second = await scenario.StartHost("second", batchSize: 1);
        var start = DateTime.UtcNow.AddSeconds(1);
        var reminders = Enumerable.Range(0, Reminders)
            // Twenty due times 100 ms apart, ten reminders each, stored half by each replica.
            .Select(i => new ScheduleReminder(NewId.NextGuid(), $"reminder {i}", start.AddMilliseconds(100 * (i % 20)), Publish: i % 3 == 0))
            .ToList();

        var ids = reminders.Select(r => r.ReminderId).ToHashSet();
        List<ReminderDelivery> Deliveries() => scenario.Log.Deliveries.Where(d => ids.Contains(d.ReminderId)).ToList();

        await Task.WhenAll(reminders.Select((r, i) => (i % 2 == 0 ? first : second).Publish(r)));
        Assert.That(await Eventually.True(() => Task.FromResult(Deliveries().Select(d => d.ReminderId).Distinct().Count() == Reminders)),
            $"{Deliveries().Count} of {Reminders} reminders arrived");
        await SchedulerScenario.Settle(reminders.Max(r => r.DueTime));

        var deliveries = Deliveries();
        var byHost = deliveries.GroupBy(d => d.Host).ToDictionary(g => g.Key, g => g.Count());
        var late = deliveries.Select(d => (d.ReceivedAt - reminders.Single(r => r.ReminderId == d.ReminderId).DueTime).TotalMilliseconds).Order().ToList();
        TestContext.Out.WriteLine($"deliveries by replica: {string.Join(", ", byHost.Select(h => $"{h.Key} {h.Value}"))}; "
            + $"after the due time: median {late[late.Count / 2]:F0} ms, max {late[^1]:F0} ms");
        Assert.Multiple(async () =>
        {
            Assert.That(deliveries, Has.Count.EqualTo(Reminders), "a reminder was delivered twice");
            Assert.That(deliveries.Select(d => d.MessageId).Distinct().Count(), Is.EqualTo(Reminders), "two deliveries share a MessageId");
            Assert.That(deliveries.Select(d => (d.ReminderId, d.Text)), Is.EquivalentTo(reminders.Select(r => (r.ReminderId, r.Text))),
                "a payload changed or went missing");
            Assert.That(deliveries.All(d => d.ReceivedAt >= reminders.Single(r => r.ReminderId == d.ReminderId).DueTime.AddMilliseconds(-1)),
                "a reminder was delivered before its time");
            Assert.That(await first.ScheduledMessages(), Is.Empty);
        });
        return byHost;
    }
}
