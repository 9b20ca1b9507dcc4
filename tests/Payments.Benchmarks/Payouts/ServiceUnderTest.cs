using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Payments.Benchmarks.Databases;
using Payments.P21Service;
using Payments.P21Service.Data;
using Payments.Simulators.P21;
using Payments.Simulators.P21.Store;
using Payments.Simulators.Stripe;
using Payments.StripeService;
using Payments.StripeService.Data;

namespace Payments.Benchmarks.Payouts;

/// <summary>
/// A service's own registrations (<c>AddStripeService</c>, <c>AddP21Service</c>: its capabilities, options validated at start-up, its database
/// migrated at start-up) in a host of its own, pointing at a simulator and a benchmark database. No bus: the payout mode measures
/// everything but the broker. Nor the service defaults' telemetry, whose ASP.NET Core instrumentation would also trace the in-process
/// simulators' side of every call.
/// </summary>
public sealed class ServiceUnderTest : IAsyncDisposable
{
    readonly IHost _host;

    ServiceUnderTest(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    /// <summary>The Stripe service against the Stripe fake, its database on <paramref name="database"/>, Stripe's largest page.</summary>
    public static Task<ServiceUnderTest> StartStripeServiceAsync(StripeApiFake stripe, string apiKey, BenchmarkDatabase database) =>
        StartAsync(new Dictionary<string, string?>(database.ServiceConfiguration(StripeServiceDbContext.ConnectionStringName))
        {
            ["Stripe:ApiKey"] = apiKey,
            ["Stripe:ApiBase"] = stripe.ApiBase,
            ["Stripe:Payouts:PageSize"] = "100",
        }, builder => builder.AddStripeService());

    /// <summary>The P21 service against the P21 simulator, with the sandbox's settings and the simulator's payout account rules.</summary>
    public static Task<ServiceUnderTest> StartP21ServiceAsync(P21Simulator p21, BenchmarkDatabase database)
    {
        var settings = new Dictionary<string, string?>(database.ServiceConfiguration(P21ServiceDbContext.ConnectionStringName))
        {
            ["P21:BaseUrl"] = p21.BaseUrl,
            ["P21:Username"] = p21.Options.Username,
            ["P21:Password"] = p21.Options.Password,
            ["P21:CompanyId"] = p21.Options.CompanyId,
            ["P21:SalesOrders:SalesLocationId"] = "10",
            ["P21:SalesOrders:SourceLocationId"] = "10",
            ["P21:SalesOrders:Taker"] = "STRIPE",
            ["P21:Customers:SalesrepId"] = "1100",
            ["P21:Customers:DefaultBranch"] = "10",
            ["P21:Journals:DebitAccount"] = P21Seed.StripeClearingAccount,
            ["P21:Journals:CreditAccount"] = P21Seed.CustomerDepositsAccount,
            ["P21:Journals:JournalId"] = "CR",
            ["P21:Disputes:DisputedFundsAccount"] = P21Seed.DisputedFundsAccount,
            ["P21:Disputes:FeeAccount"] = P21Seed.DisputeFeesAccount,
        };
        foreach (var (key, value) in P21Seed.PayoutAccountSettings()) settings[key] = value;
        return StartAsync(settings, builder => builder.AddP21Service());
    }

    static async Task<ServiceUnderTest> StartAsync(Dictionary<string, string?> settings, Action<IHostApplicationBuilder> addService)
    {
        // No default sources: environment variables and appsettings files cannot change what is measured.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            EnvironmentName = Environments.Production,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddInMemoryCollection(settings);
        // Only what needs attention: an information line per payout would not change the figures, a warning should be seen.
        builder.Logging.AddSimpleConsole(console => console.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        addService(builder);
        var host = builder.Build();
        try
        {
            await host.StartAsync();
        }
        catch
        {
            host.Dispose();
            throw;
        }
        return new ServiceUnderTest(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
