using MassTransit;
using Microsoft.EntityFrameworkCore;
using Payments.Persistence.Configuration;
using Payments.Persistence.Outbox;
using Payments.Persistence.Sagas;
using Payments.Persistence.Tests.Model;
using Payments.Persistence.Tests.Support;

namespace Payments.Persistence.Tests.Sagas;

[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public class When_two_events_for_one_saga_arrive_at_once(DatabaseProvider provider)
{
    [Test]
    public async Task Should_apply_both()
    {
        await using var database = await TestDatabase.Create(provider, "payments_persistence_test");
        await using var host = await PersistenceHost.Start(database);
        var orderId = NewId.NextGuid();

        await host.Harness.Bus.Publish(new OrderSubmitted(orderId, 125.50m));
        Assert.That(await Eventually.True(() => host.Query(db => db.Set<OrderState>().AnyAsync(o => o.CorrelationId == orderId))), "the order saga was not created");

        await Task.WhenAll(
            host.Harness.Bus.Publish(new PaymentCaptured(orderId, 125.50m)),
            host.Harness.Bus.Publish(new InvoiceReferenceRecorded(orderId, "INV-1001")));

        await Eventually.True(() => host.Query(db => db.Set<OrderState>().AnyAsync(o =>
            o.CorrelationId == orderId && o.CapturedAmount != null && o.InvoiceReference != null)));

        var saga = await host.Query(db => db.Set<OrderState>().AsNoTracking().SingleAsync(o => o.CorrelationId == orderId));
        var version = await host.Query(db => db.Set<OrderState>().Where(o => o.CorrelationId == orderId)
            .Select(o => EF.Property<int>(o, SagaClassMap<OrderState>.VersionProperty)).SingleAsync());
        Assert.Multiple(() =>
        {
            Assert.That(saga.CapturedAmount, Is.EqualTo(125.50m), "the capture was lost");
            Assert.That(saga.InvoiceReference, Is.EqualTo("INV-1001"), "the invoice reference was lost");
            Assert.That(saga.EventsApplied, Is.EqualTo(3), "an update overwrote another");
            Assert.That(version, Is.EqualTo(3), "one insert and two updates");
        });

        // PostgreSQL lets both events read version 1 together; the loser must have run again on top of the winner.
        if (provider == DatabaseProvider.Postgres)
            Assert.That(host.Gate.Arrivals, Is.GreaterThanOrEqualTo(3), "the two events did not collide, so the test proved nothing");
    }
}

/// <summary>
/// Twenty copies of the initiating event (twenty webhook deliveries of one payment, each its own MessageId) race to
/// create one instance. The <see cref="InitiationGate{TSaga}"/> holds every copy that found no instance until all are
/// under way, so on PostgreSQL they really insert the same CorrelationId at once and all but one run again.
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public class When_the_initiating_event_arrives_twenty_times_at_once(DatabaseProvider provider)
{
    const int Copies = 20;

    [Test]
    public async Task Should_create_one_instance_and_publish_once()
    {
        await using var database = await TestDatabase.Create(provider, "payments_persistence_test");
        await using var host = await PersistenceHost.Start(database);
        host.Initiation.Expected = Copies;
        var orderId = NewId.NextGuid();
        var messageIds = Enumerable.Range(0, Copies).Select(_ => NewId.NextGuid()).ToList();

        await Task.WhenAll(messageIds.Select(messageId =>
            host.Harness.Bus.Publish(new OrderSubmitted(orderId, 10m), context => context.MessageId = messageId)));

        Assert.That(await Eventually.True(() =>
            Task.FromResult(host.Harness.Consumed.Select<OrderSubmitted>(m => m.Context.Message.CorrelationId == orderId).Count() == Copies)),
            "not every copy was consumed");
        Assert.That(await Eventually.True(() => host.Query(db => db.Set<InboxState>()
            .CountAsync(i => messageIds.Contains(i.MessageId) && i.Delivered != null).ContinueWith(t => t.Result == Copies))), "not every copy finished its outbox");

        await host.Log.WaitFor(orderId, 1);
        // Anything a losing attempt let out would have reached the recorder by the time the bus is idle.
        await host.Harness.InactivityTask;

        var instances = await host.Query(db => db.Set<OrderState>().CountAsync(o => o.CorrelationId == orderId));
        var faults = host.Harness.Consumed.Select<OrderSubmitted>(m => m.Context.Message.CorrelationId == orderId && m.Exception != null).Count();
        var opened = host.Log.For(orderId).Where(d => d.Message is OrderOpened).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(instances, Is.EqualTo(1));
            Assert.That(faults, Is.Zero, "a duplicate failed instead of finding the existing instance");
            Assert.That(opened, Has.Count.EqualTo(1), "OrderOpened must be published once");
            Assert.That(opened.All(d => d.SenderCommitted), Is.True, "OrderOpened arrived before the saga instance was committed");
        });
        if (provider == DatabaseProvider.Postgres)
            Assert.That(host.Initiation.Arrivals, Is.GreaterThan(1), "no two copies created the instance at once, so the test proved nothing");
    }
}

[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public class When_a_pre_inserted_saga_is_initiated_twenty_times_at_once(DatabaseProvider provider)
{
    [Test]
    public async Task Should_create_one_instance_and_apply_every_request()
    {
        await using var database = await TestDatabase.Create(provider, "payments_persistence_test");
        await using var host = await PersistenceHost.Start(database);
        var refundId = NewId.NextGuid();

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => host.Harness.Bus.Publish(new RefundRequested(refundId, 5m))));

        Assert.That(await Eventually.True(() => host.Query(db => db.Set<RefundState>().AnyAsync(r => r.CorrelationId == refundId && r.Requests == 20))),
            "a request was lost or the instance duplicated");
        var instances = await host.Query(db => db.Set<RefundState>().CountAsync(r => r.CorrelationId == refundId));
        var faults = host.Harness.Consumed.Select<RefundRequested>(m => m.Context.Message.CorrelationId == refundId && m.Exception != null).Count();
        Assert.Multiple(() =>
        {
            Assert.That(instances, Is.EqualTo(1));
            Assert.That(faults, Is.Zero, "a copy failed instead of loading the instance the first one inserted");
        });
    }
}

/// <summary>
/// Without the consumer outbox a saga publishes before its state commits, so a copy that loses the race for the insert
/// has already published and its retry publishes again (twenty racing copies delivered twenty OrderOpened on PostgreSQL).
/// The repository therefore does not run without it. SQLite only: the refusal comes before any database work.
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
public class When_a_saga_on_the_EF_repository_has_no_consumer_outbox(DatabaseProvider provider)
{
    [Test]
    public async Task Should_refuse_to_start_and_name_the_endpoint()
    {
        await using var database = await TestDatabase.Create(provider, "payments_persistence_test");

        var refused = Assert.ThrowsAsync<ConfigurationException>(() =>
            PersistenceHost.Start(database, new PersistenceHost.HostOptions { UseConsumerOutbox = false }));

        Assert.That(refused!.Message, Does.Match("endpoint '(OrderState|RefundState)'").And.Contain("UsePaymentsOutbox<TestDbContext>"));
    }
}
