using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Payments.Persistence.Configuration;
using Payments.Simulators.P21;
using Payments.Simulators.P21.Store;

namespace Payments.P21Service.Tests;

/// <summary>
/// The P21 service's consumers as Program.cs wires them (AddP21Service + AddP21Consumers, inbox/outbox on SQLite or, when asked, a throwaway
/// PostgreSQL database) on MassTransit's test harness with the shared retry policy, against the P21 simulator; <typeparamref name="TSubscriber"/>
/// stands for the sagas.
/// </summary>
sealed class P21BusHost<TSubscriber> : IAsyncDisposable where TSubscriber : class, IConsumer
{
    readonly string _databasePath = SqliteFiles.NewPath("payments-p21-bus-tests");
    readonly string _auditPath = SqliteFiles.NewPath("payments-p21-audit-tests");
    TestDatabase? _postgres;
    IHost _host = null!;

    public P21Simulator Simulator { get; private set; } = null!;
    public ITestHarness Harness { get; private set; } = null!;
    public IServiceProvider Services => _host.Services;

    /// <param name="settings">Changes to the service's configuration.</param>
    /// <param name="simulator">The P21 simulator's options (its defaults when left out).</param>
    /// <param name="provider">
    /// The service database: SQLite (default; its open transaction lets one P21 posting run at a time) or PostgreSQL (ignored without
    /// <c>PAYMENTS_TEST_POSTGRES</c>), where postings run side by side as in production.
    /// </param>
    /// <param name="services">Changes to the service's registrations, made after <c>AddP21Service</c>.</param>
    public static async Task<P21BusHost<TSubscriber>> StartAsync(Action<Dictionary<string, string?>>? settings = null, P21SimulatorOptions? simulator = null,
        DatabaseProvider provider = DatabaseProvider.Sqlite, Action<IServiceCollection>? services = null)
    {
        var postgres = provider == DatabaseProvider.Postgres ? await TestDatabase.Create(provider, "payments_p21_bus_tests") : null;
        var host = new P21BusHost<TSubscriber> { Simulator = await P21Simulator.StartAsync(simulator), _postgres = postgres };
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var config = PayoutAccountRules.AddTo(new Dictionary<string, string?>
        {
            ["P21:BaseUrl"] = host.Simulator.BaseUrl, ["P21:Username"] = host.Simulator.Options.Username, ["P21:Password"] = host.Simulator.Options.Password,
            ["P21:CompanyId"] = host.Simulator.Options.CompanyId, ["P21:SalesOrders:SalesLocationId"] = "10", ["P21:SalesOrders:SourceLocationId"] = "10",
            ["P21:Customers:SalesrepId"] = "1100", ["P21:Customers:DefaultBranch"] = "10",
            ["P21:Journals:DebitAccount"] = P21Seed.StripeClearingAccount, ["P21:Journals:CreditAccount"] = P21Seed.CustomerDepositsAccount, ["P21:Journals:JournalId"] = "CR",
            ["P21:Disputes:DisputedFundsAccount"] = P21Seed.DisputedFundsAccount, ["P21:Disputes:FeeAccount"] = P21Seed.DisputeFeesAccount,
            ["Database:Provider"] = "Sqlite", ["ConnectionStrings:P21Service"] = $"Data Source={host._databasePath}",
            ["ConnectionStrings:Audit"] = $"Data Source={host._auditPath}",
        });
        if (postgres is not null)
        {
            config["Database:Provider"] = "Postgres";
            config["ConnectionStrings:P21Service"] = config["ConnectionStrings:Audit"] = postgres.ConnectionString;
        }
        settings?.Invoke(config);
        builder.Configuration.AddInMemoryCollection(config);
        builder.AddP21Service();
        services?.Invoke(builder.Services);
        builder.Services.AddRetryingTestHarness(bus =>
        {
            bus.AddP21Consumers();
            bus.AddConsumer<TSubscriber>();
        });
        host._host = builder.Build();
        await host._host.StartAsync();
        host.Harness = host._host.Services.GetTestHarness();
        return host;
    }

    /// <summary>Polls until the message shows up (30 s at most: a bound, not an expectation).</summary>
    public static async Task<T?> EventuallyAsync<T>(Func<T?> probe) where T : class
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if (probe() is { } found) return found;
            await Task.Delay(100);
        }
        return probe();
    }

    /// <summary>
    /// The first <typeparamref name="T"/> that matches, waited for: seen published, or consumed by the stand-in (what leaves through the
    /// service's outbox is seen only there).
    /// </summary>
    public Task<T?> PublishedAsync<T>(Func<T, bool> match) where T : class => EventuallyAsync(() => Published(match).FirstOrDefault());

    /// <summary>Every <typeparamref name="T"/> so far that matches, published or consumed.</summary>
    public IReadOnlyList<T> Published<T>(Func<T, bool> match) where T : class =>
        Harness.Published.Select<T>(m => match(m.Context.Message)).Select(m => m.Context.Message)
            .Concat(Harness.Consumed.Select<T>(m => match(m.Context.Message)).Select(m => m.Context.Message))
            .Distinct(ReferenceEqualityComparer.Instance).Cast<T>().ToList();

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        await Simulator.DisposeAsync();
        SqliteFiles.Delete(_databasePath);
        SqliteFiles.Delete(_auditPath);
        if (_postgres is not null) await _postgres.DisposeAsync();
    }
}
