using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Payments.Contracts.ChargeToOrder;
using Payments.P21Service.Data;
using Payments.Persistence.Configuration;
using Payments.Persistence.Outbox;
using Payments.Sandbox;
using Payments.Sandbox.Scenarios;
using Payments.Sandbox.Scenarios.ChargeToOrder;
using Payments.ServiceDefaults.Failures;

namespace Payments.EndToEnd.Tests.Durability;

/// <summary>
/// P21 took the order, then the P21 service's commit (its inbox row and P21OrderPosted) failed, as when the process or
/// its database connection dies at that moment: the command is not acknowledged, so it is delivered again, and the
/// handler finds the order by the Stripe charge id kept on it instead of creating a second one.
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public class When_the_P21_consumer_dies_before_its_commit(DatabaseProvider provider)
{
    SandboxDatabases? _databases;
    SandboxHost? _sandbox;
    readonly CommitFailsOnceAfterTheOrder _failure = new();

    [SetUp]
    public async Task Start()
    {
        _databases = await SandboxDatabases.Create(provider);
        _sandbox = await SandboxHost.StartAsync(_databases.SandboxOptions(),
            builder => builder.Services.ConfigureDbContext<P21ServiceDbContext>(options => options.AddInterceptors(_failure)));
    }

    [TearDown]
    public async Task Stop()
    {
        if (_sandbox is not null) await _sandbox.DisposeAsync();
        if (_databases is not null) await _databases.DisposeAsync();
    }

    [Test]
    public async Task Should_find_the_existing_P21_order_on_redelivery()
    {
        var report = await new ChargeFlow(_sandbox!).RunAsync(TimeSpan.FromSeconds(60));

        Assert.That(_failure.Failures, Is.EqualTo(1), "the commit after the P21 call failed once");
        Assert.That(report.Succeeded, Is.True, report.Describe());
        Assert.That(report.OrdersForCharge, Is.EqualTo(1), report.Describe());
    }

    /// <summary>Fails the first commit that carries P21OrderPosted, i.e. the one right after P21 created the order.</summary>
    sealed class CommitFailsOnceAfterTheOrder : DbTransactionInterceptor
    {
        int _failures;

        public int Failures => Volatile.Read(ref _failures);

        public override ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData,
            InterceptionResult result, CancellationToken cancellationToken = default)
        {
            var announcesTheOrder = eventData.Context?.ChangeTracker.Entries<OutboxMessage>()
                .Any(e => e.Entity.MessageType.Contains(nameof(P21OrderPosted), StringComparison.Ordinal)) == true;
            if (announcesTheOrder && Interlocked.CompareExchange(ref _failures, 1, 0) == 0)
                throw new TransientFailureException("Simulated: the P21 service died after P21 took the order, before its commit");
            return base.TransactionCommittingAsync(transaction, eventData, result, cancellationToken);
        }
    }
}
