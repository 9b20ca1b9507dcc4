using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Payments.Contracts.Shared;
using Payments.Operations.FlowRuns;
using Payments.Persistence.Configuration;
using Payments.Persistence.Migrations;

namespace Payments.Operations.Tests.FlowRuns;

[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public class When_flow_events_arrive_in_any_order(DatabaseProvider provider)
{
    static readonly DateTimeOffset T0 = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    TestDatabase? _database;
    ServiceProvider? _services;

    [SetUp]
    public async Task Migrate()
    {
        _database = await TestDatabase.Create(provider, "payments_console");
        _services = new ServiceCollection()
            .AddPaymentsDbContext<ConsoleDbContext>(provider, _database.ConnectionString)
            .AddScoped<FlowRunProjection>()
            .BuildServiceProvider();
        await using var scope = _services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ConsoleDbContext>().MigratePaymentsDatabaseAsync();
    }

    [TearDown]
    public async Task Drop()
    {
        if (_services is not null) await _services.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
    }

    static FlowStarted Started(Guid id, int second) =>
        new() { CorrelationId = id, Flow = FlowNames.ChargeToOrder, Subject = "stripe-payment:pi_1", StartedAt = T0.AddSeconds(second) };

    static FlowFailed Failed(Guid id, int second, string step = "PostP21Order") =>
        new() { CorrelationId = id, Flow = FlowNames.ChargeToOrder, Subject = "stripe-payment:pi_1", Step = step, Reason = "Item ZZZ not found", FailedAt = T0.AddSeconds(second) };

    static FlowCompleted Completed(Guid id, int second) => new()
    {
        CorrelationId = id, Flow = FlowNames.ChargeToOrder, Subject = "stripe-payment:pi_1", CompletedAt = T0.AddSeconds(second),
        Documents = new Dictionary<string, string> { [FlowDocumentKeys.P21SalesOrder] = "1043" },
    };

    async Task ApplyAsync(object e)
    {
        await using var scope = _services!.CreateAsyncScope();
        var projection = scope.ServiceProvider.GetRequiredService<FlowRunProjection>();
        await (e switch
        {
            FlowStarted s => projection.ApplyAsync(s, CancellationToken.None),
            FlowFailed f => projection.ApplyAsync(f, CancellationToken.None),
            FlowCompleted c => projection.ApplyAsync(c, CancellationToken.None),
            _ => throw new ArgumentException(e.GetType().Name),
        });
    }

    async Task<FlowRun> RunAsync(Guid id)
    {
        await using var scope = _services!.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ConsoleDbContext>().FlowRuns.AsNoTracking().SingleAsync(r => r.CorrelationId == id);
    }

    static IEnumerable<IReadOnlyList<int>> Permutations(IReadOnlyList<int> items) =>
        items.Count <= 1 ? [items] : items.SelectMany((x, i) => Permutations([.. items.Where((_, j) => j != i)]).Select(rest => (IReadOnlyList<int>)[x, .. rest]));

    [Test]
    public async Task Should_end_completed_after_a_redrive_whatever_the_delivery_order()
    {
        // Started at 0 s, failed at 5 s, redriven and completed at 60 s: every order of delivery, each event twice.
        foreach (var order in Permutations([0, 1, 2]))
        {
            var id = Guid.NewGuid();
            object[] events = [Started(id, 0), Failed(id, 5), Completed(id, 60)];
            foreach (var i in order.Concat(order))
                await ApplyAsync(events[i]);

            var run = await RunAsync(id);
            Assert.Multiple(() =>
            {
                Assert.That(run.State, Is.EqualTo(FlowRunStates.Completed), $"order {string.Join(",", order)}");
                Assert.That(run.StartedAt, Is.EqualTo(T0.UtcDateTime));
                Assert.That(run.FailedStep, Is.EqualTo("PostP21Order"), "the last failure stays readable");
                Assert.That(run.Documents, Does.Contain("1043"));
                Assert.That(run.StateAt, Is.EqualTo(T0.AddSeconds(60).UtcDateTime));
            });
        }
    }

    [Test]
    public async Task Should_stay_failed_when_the_start_arrives_last()
    {
        var id = Guid.NewGuid();
        await ApplyAsync(Failed(id, 5));
        await ApplyAsync(Started(id, 0));

        var run = await RunAsync(id);
        Assert.That((run.State, run.FailedStep, run.FailureReason), Is.EqualTo((FlowRunStates.Failed, "PostP21Order", "Item ZZZ not found")));
    }

    [Test]
    public async Task Should_show_a_failure_after_an_earlier_completion()
    {
        // A later failure of the same run (a step after a first completion, e.g. a subscription's next invoice) is its state now.
        var id = Guid.NewGuid();
        await ApplyAsync(Completed(id, 10));
        await ApplyAsync(Failed(id, 20, "PostSubscriptionInvoice"));

        var run = await RunAsync(id);
        Assert.That((run.State, run.FailedStep), Is.EqualTo((FlowRunStates.Failed, "PostSubscriptionInvoice")));
    }

    [Test]
    public async Task Should_keep_one_row_when_the_events_of_a_run_race()
    {
        var id = Guid.NewGuid();
        object[] events = [Started(id, 0), Failed(id, 5), Completed(id, 60)];
        await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(() => ApplyAsync(events[i % 3]))));

        await using var scope = _services!.CreateAsyncScope();
        var rows = await scope.ServiceProvider.GetRequiredService<ConsoleDbContext>().FlowRuns.AsNoTracking().Where(r => r.CorrelationId == id).ToListAsync();
        Assert.That(rows, Has.Count.EqualTo(1));
        Assert.That(rows[0].State, Is.EqualTo(FlowRunStates.Completed));
    }
}
