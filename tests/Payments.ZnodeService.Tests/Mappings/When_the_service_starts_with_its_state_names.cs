using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Payments.Domain.Mappings;
using Payments.Simulators.Znode;
using Payments.ZnodeService.Mappings;

namespace Payments.ZnodeService.Tests.Mappings;

/// <summary>
/// The Znode service checks the order, payment and return state names it reads and writes against the live Znode (the simulator's state
/// tables) when it starts (<see cref="StateCheckAtStartup"/>): Znode's own names start; a name the installation does not have refuses the
/// start with the lines <c>payments config validate</c> prints; a Znode that cannot be asked is a warning, not a refusal.
/// </summary>
[TestFixture]
public class When_the_service_starts_with_its_state_names
{
    ZnodeSimulator _znode = null!;
    string _databasePath = null!;

    [SetUp]
    public async Task Start()
    {
        _znode = await ZnodeSimulator.StartAsync();
        _databasePath = SqliteFiles.NewPath("payments-znode-state-tests");
    }

    [TearDown]
    public async Task Stop() => await _znode.DisposeAsync();

    Dictionary<string, string?> Settings() => new()
    {
        ["Znode:BaseUrl"] = _znode.BaseUrl, ["Znode:DomainName"] = _znode.Options.DomainName, ["Znode:ApiKey"] = _znode.Options.ApiKey,
        ["Znode:Mail:Host"] = "127.0.0.1", ["Znode:Mail:Port"] = "2525", ["Znode:Mail:Security"] = "None", ["Znode:Mail:From"] = "orders@maple.example",
        ["Znode:Payments:PaymentLinkTemplate"] = "https://shop.example/pay/{orderNumber}?pi={paymentIntentId}&secret={clientSecret}",
        ["Znode:Intake:Poll"] = "false", ["Znode:Returns:Poll"] = "false", ["Znode:Accounts:Enabled"] = "false",
        ["Database:Provider"] = "Sqlite", ["ConnectionStrings:ZnodeService"] = $"Data Source={_databasePath}",
    };

    /// <summary>Starts the service as Program.cs builds it (without the bus); returns the start's exception, if any, and what it logged at Warning and above.</summary>
    static async Task<(Exception? Refused, IReadOnlyList<string> Logged)> StartAsync(Dictionary<string, string?> settings)
    {
        var logged = new CapturedLogs { MinimumLevel = LogLevel.Warning };
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.AddProvider(logged);
        builder.AddZnodeService();
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
    public async Task Should_start_with_Znodes_own_names_after_reading_its_state_tables()
    {
        var (refused, logged) = await StartAsync(Settings());

        Assert.That(refused, Is.Null, string.Join("\n", logged));
        Assert.That(logged, Has.None.Contains("not checked"));
        Assert.That(_znode.Calls.All.Select(c => c.Path.ToLowerInvariant()),
            Has.Some.EndsWith("/orderstate/list").And.Some.EndsWith("/orders/getpaymentstatelist").And.Some.EndsWith("/rmareturn/getreturnstatuslist"));
    }

    [Test]
    public async Task Should_refuse_to_start_on_a_name_Znode_does_not_have_with_the_lines_the_cli_prints()
    {
        var settings = Settings();
        settings["Znode:Orders:PaidOrderState"] = "PAID";
        settings["Znode:Payments:CapturedStatus"] = "CAPTURE";
        settings["Znode:Returns:ApprovedStates:0"] = "APPROVED";
        settings["Znode:Returns:ApprovedStates:1"] = "ACCEPTED";
        // CANCELLED is Znode's old spelling of CANCELED: the same row.
        settings["Znode:Orders:CanceledOrderState"] = "CANCELLED";

        var (refused, logged) = await StartAsync(settings);

        Assert.That(refused, Is.Not.Null);
        var critical = logged.Where(l => l.StartsWith("Critical Mapping: ", StringComparison.Ordinal)).Select(l => l["Critical Mapping: ".Length..]).ToList();
        Assert.That(critical, Has.Count.EqualTo(3), string.Join("\n", logged));
        Assert.That(critical[0], Does.StartWith("Znode:Orders:PaidOrderState: 'PAID' is not a Znode order state (Znode has SUBMITTED, SHIPPED, CANCELED"));
        Assert.That(critical[1], Does.StartWith("Znode:Payments:CapturedStatus: 'CAPTURE' is not a Znode payment state"));
        Assert.That(critical[2], Does.StartWith("Znode:Returns:ApprovedStates:1: 'ACCEPTED' is not a Znode return state"));
        Assert.That(refused!.Message, Does.Contain(critical[0]).And.Contain(critical[2]));
        // RETURNED is a line-item state only (IsOrderState false): not offered as an order state.
        Assert.That(critical[0], Does.Not.Contain("RETURNED"));
    }

    [Test]
    public async Task Should_start_with_a_warning_when_Znode_cannot_be_asked()
    {
        var settings = Settings();
        settings["Znode:ApiKey"] = "not-the-key";
        settings["Znode:Orders:PaidOrderState"] = "PAID";

        var (refused, logged) = await StartAsync(settings);

        Assert.That(refused, Is.Null, string.Join("\n", logged));
        Assert.That(logged, Has.Some.StartsWith("Warning Znode state names not checked at start-up, Znode could not be asked"));
        Assert.That(string.Join("\n", logged), Does.Not.Contain("not-the-key"));
    }

    /// <summary>What was logged at Warning and above, a line each: level, then the message.</summary>
    static IReadOnlyList<string> Lines(CapturedLogs logs) => [.. logs.Entries.Select(e => $"{e.Level} {e.Message}")];
}
