using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Payments.Contracts.ChargeToOrder;
using Payments.Contracts.Shared;
using Payments.P21Service;
using Payments.P21Service.SalesOrders;
using Payments.Simulators.P21;
using Payments.Simulators.P21.Store;

namespace Payments.P21Service.Tests;

/// <summary>A P21 simulator on loopback and a host running the P21 service's registrations against it.</summary>
sealed class P21Harness : IAsyncDisposable
{
    readonly string _databasePath;
    readonly bool _ownsSimulator;

    P21Harness(P21Simulator simulator, IHost host, string databasePath, bool ownsSimulator)
    {
        Simulator = simulator;
        Host = host;
        _databasePath = databasePath;
        _ownsSimulator = ownsSimulator;
    }

    public P21Simulator Simulator { get; }
    public IHost Host { get; }

    public T Get<T>() where T : notnull => Host.Services.GetRequiredService<T>();

    public static async Task<P21Harness> StartAsync(
        Action<P21SimulatorOptions>? simulator = null, Action<IDictionary<string, string?>>? settings = null, TimeProvider? time = null)
    {
        var simulatorOptions = new P21SimulatorOptions();
        simulator?.Invoke(simulatorOptions);
        var sim = await P21Simulator.StartAsync(simulatorOptions, time);
        try
        {
            return await StartOnAsync(sim, settings, time, ownsSimulator: true);
        }
        catch
        {
            await sim.DisposeAsync();
            throw;
        }
    }

    /// <summary>Another P21 service (a replica) against a simulator that is already running; the simulator is left running at the end.</summary>
    public static Task<P21Harness> StartOnAsync(P21Simulator sim, Action<IDictionary<string, string?>>? settings = null) =>
        StartOnAsync(sim, settings, null, ownsSimulator: false);

    static async Task<P21Harness> StartOnAsync(P21Simulator sim, Action<IDictionary<string, string?>>? settings, TimeProvider? time, bool ownsSimulator)
    {
        var simulatorOptions = sim.Options;
        var databasePath = SqliteFiles.NewPath("payments-p21-tests");
        var config = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:P21Service"] = $"Data Source={databasePath}",
            ["P21:BaseUrl"] = sim.BaseUrl,
            ["P21:Username"] = simulatorOptions.Username,
            ["P21:Password"] = simulatorOptions.Password,
            ["P21:CompanyId"] = simulatorOptions.CompanyId,
            ["P21:ErpTimeZone"] = "America/New_York",
            ["P21:SalesOrders:SalesLocationId"] = "10",
            ["P21:SalesOrders:SourceLocationId"] = "10",
            ["P21:SalesOrders:Taker"] = "WEBSTORE",
            ["P21:Customers:SalesrepId"] = "1100",
            ["P21:Customers:DefaultBranch"] = "10",
            ["P21:Journals:DebitAccount"] = P21Seed.StripeClearingAccount,
            ["P21:Journals:CreditAccount"] = P21Seed.CustomerDepositsAccount,
            ["P21:Journals:JournalId"] = "CR",
            ["P21:Disputes:DisputedFundsAccount"] = P21Seed.DisputedFundsAccount,
            ["P21:Disputes:FeeAccount"] = P21Seed.DisputeFeesAccount,
            // These tests count P21's calls and feed it wrong accounts on purpose; the start-up mapping check has its own (Mappings/).
            ["P21:Mappings:CheckAtStartup"] = "false",
        };
        PayoutAccountRules.AddTo(config);
        settings?.Invoke(config);

        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(config);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        if (time is not null) builder.Services.AddSingleton(time);
        builder.AddP21Service();
        var host = builder.Build();
        try
        {
            await host.StartAsync();
        }
        catch
        {
            host.Dispose();
            SqliteFiles.Delete(databasePath);
            throw;
        }
        return new P21Harness(sim, host, databasePath, ownsSimulator);
    }

    /// <summary>Posts as the consumer would and returns the order, whether or not P21 kept it as sent (see <see cref="PostForOutcomeAsync"/>).</summary>
    public async Task<P21OrderPosted> PostAsync(PaymentDetails payment) => (await PostForOutcomeAsync(payment)).Posted;

    public Task<SalesOrderOutcome> PostForOutcomeAsync(PaymentDetails payment) =>
        Get<SalesOrderPoster>().PostAsync(new PostP21Order { CorrelationId = CorrelationKey.StripePayment(payment.PaymentIntentId, payment.ChargeId).ToGuid(), Payment = payment }, CancellationToken.None);

    public static PaymentDetails Payment(string? email = null, long amountMinor = 2468, string currency = "USD", IReadOnlyList<OrderLine>? lines = null,
        IReadOnlyDictionary<string, string>? metadata = null, DateTimeOffset? paidAt = null) => new()
        {
            ChargeId = "ch_" + Guid.NewGuid().ToString("N")[..24],
            PaymentIntentId = "pi_" + Guid.NewGuid().ToString("N")[..24],
            AmountMinor = amountMinor,
            Currency = currency,
            CustomerEmail = email,
            CustomerName = "Web Customer",
            Metadata = metadata ?? new Dictionary<string, string>(),
            Lines = lines ?? [],
            PaidAt = paidAt ?? DateTimeOffset.Parse("2026-03-10T15:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
        };

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
        if (_ownsSimulator) await Simulator.DisposeAsync();
        SqliteFiles.Delete(_databasePath);
    }
}

/// <summary>A clock the test moves by hand.</summary>
sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    DateTimeOffset _now = start;
    public override DateTimeOffset GetUtcNow() => _now;
    public void Advance(TimeSpan by) => _now += by;
}
