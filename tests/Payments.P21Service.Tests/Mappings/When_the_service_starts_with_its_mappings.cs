using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Payments.Domain.Mappings;
using Payments.P21Service.Mappings;
using Payments.Simulators.P21;
using Payments.Simulators.P21.Store;

namespace Payments.P21Service.Tests.Mappings;

/// <summary>
/// The P21 service checks its P21 mappings against the live P21 (the simulator) when it starts (<see cref="MappingCheckAtStartup"/>): the
/// shipped mapping starts; a wrong account or item refuses the start with the lines <c>payments config validate</c> prints; a P21 that
/// cannot be asked is a warning, not a refusal.
/// </summary>
[TestFixture]
public class When_the_service_starts_with_its_mappings
{
    P21Simulator _p21 = null!;
    string _databasePath = null!;

    [SetUp]
    public async Task Start()
    {
        _p21 = await P21Simulator.StartAsync();
        _databasePath = SqliteFiles.NewPath("payments-p21-mapping-tests");
    }

    [TearDown]
    public async Task Stop() => await _p21.DisposeAsync();

    Dictionary<string, string?> Settings(string baseUrl) => PayoutAccountRules.AddTo(new Dictionary<string, string?>
    {
        ["P21:BaseUrl"] = baseUrl, ["P21:Username"] = _p21.Options.Username, ["P21:Password"] = _p21.Options.Password,
        ["P21:CompanyId"] = _p21.Options.CompanyId, ["P21:SalesOrders:SalesLocationId"] = "10", ["P21:SalesOrders:SourceLocationId"] = "10",
        ["P21:Customers:SalesrepId"] = "1100", ["P21:Customers:DefaultBranch"] = "10",
        ["P21:Journals:DebitAccount"] = P21Seed.StripeClearingAccount, ["P21:Journals:CreditAccount"] = P21Seed.CustomerDepositsAccount, ["P21:Journals:JournalId"] = "CR",
        ["P21:Disputes:DisputedFundsAccount"] = P21Seed.DisputedFundsAccount, ["P21:Disputes:FeeAccount"] = P21Seed.DisputeFeesAccount,
        ["Database:Provider"] = "Sqlite", ["ConnectionStrings:P21Service"] = $"Data Source={_databasePath}",
    });

    /// <summary>Starts the service as Program.cs builds it (without the bus); returns the start's exception, if any, and what it logged at Warning and above.</summary>
    static async Task<(Exception? Refused, IReadOnlyList<string> Logged)> StartAsync(Dictionary<string, string?> settings)
    {
        var logged = new CapturedLogs { MinimumLevel = LogLevel.Warning };
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.AddProvider(logged);
        builder.AddP21Service();
        using var host = builder.Build();
        try
        {
            await host.StartAsync();
            await host.StopAsync();
            return (null, Lines(logged));
        }
        catch (InvalidOperationException e)
        {
            return (e, Lines(logged));
        }
    }

    [Test]
    public async Task Should_start_with_the_shipped_mapping_after_checking_it()
    {
        var (refused, logged) = await StartAsync(Settings(_p21.BaseUrl));

        Assert.That(refused, Is.Null, string.Join("\n", logged));
        Assert.That(_p21.Calls.All.Any(c => c.Path.EndsWith("/table/chart_of_accts", StringComparison.Ordinal)), Is.True, "the chart of accounts was asked");
    }

    [Test]
    public async Task Should_refuse_to_start_on_a_wrong_account_or_item_with_the_lines_the_cli_prints()
    {
        var settings = Settings(_p21.BaseUrl);
        settings["P21:Disputes:FeeAccount"] = "68100099";
        settings["P21:Subscriptions:Items:price_1QGone"] = "GONE-ITEM";
        // A Stripe service's mapping is not the P21 service's to check (it cannot reach P21): only `payments config validate` reads it.
        settings["Stripe:OrderLines:ItemMap:prod_Widget"] = "WIDGET-999";

        var (refused, logged) = await StartAsync(settings);

        var expected = new[]
        {
            "P21:Disputes:FeeAccount: GL account '68100099' is not in P21's chart of accounts",
            "P21:Subscriptions:Items:price_1QGone: item 'GONE-ITEM' is not in P21's item master",
        };
        Assert.That(refused, Is.Not.Null);
        Assert.That(refused!.Message, Does.Contain(expected[0]).And.Contain(expected[1]).And.Not.Contain("WIDGET-999"));
        Assert.That(logged.Where(l => l.StartsWith("Critical Mapping: ", StringComparison.Ordinal)).Select(l => l["Critical Mapping: ".Length..]),
            Is.EquivalentTo(expected));
        // The same check the CLI runs: the same words for the same mapping.
        var cli = await P21MappingCheck.CheckAsync(P21Mappings.From(settings, only: ["P21"]), new StubbornLookup(), new Domain.P21.GlPeriod(1, 2026));
        Assert.That(cli, Is.SupersetOf(expected));
    }

    [Test]
    public async Task Should_start_with_a_warning_when_P21_cannot_be_asked()
    {
        var settings = Settings(_p21.BaseUrl);
        settings["P21:Password"] = "not-the-password";

        var (refused, logged) = await StartAsync(settings);

        Assert.That(refused, Is.Null, string.Join("\n", logged));
        Assert.That(logged, Has.Some.StartsWith("Warning P21 mappings not checked at start-up, P21 could not be asked"));
        Assert.That(string.Join("\n", logged), Does.Not.Contain("not-the-password"));
    }

    /// <summary>A P21 that has nothing: every mapped value is a problem, and the period is open.</summary>
    sealed class StubbornLookup : IP21Lookup
    {
        public Task<IReadOnlySet<string>> ExistingAccountsAsync(IReadOnlyCollection<string> accounts, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlySet<string>>(new HashSet<string>());
        public Task<IReadOnlySet<string>> ExistingItemsAsync(IReadOnlyCollection<string> items, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlySet<string>>(new HashSet<string>());
        public Task<bool?> IsPeriodClosedAsync(int yearForPeriod, int period, CancellationToken cancellationToken) => Task.FromResult<bool?>(false);
    }

    /// <summary>What was logged at Warning and above, a line each: level, then the message.</summary>
    static IReadOnlyList<string> Lines(CapturedLogs logs) => [.. logs.Entries.Select(e => $"{e.Level} {e.Message}")];
}
