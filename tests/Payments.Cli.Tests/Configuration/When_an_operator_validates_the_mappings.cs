using Payments.Domain.Mappings;
using Payments.Simulators.P21;
using Payments.Simulators.P21.Store;
using Payments.Simulators.Znode;

namespace Payments.Cli.Tests.Configuration;

/// <summary>
/// <c>payments config validate</c> against the P21 simulator (its chart of accounts, calendar and item master over OData): the shipped
/// mapping passes; a wrong account, a wrong item and a closed period are one line each, with the exit code. With a Znode configured (the
/// simulator's state tables), the Znode service's state names too.
/// </summary>
[TestFixture]
public class When_an_operator_validates_the_mappings
{
    P21Simulator _p21 = null!;

    [SetUp]
    public async Task Start() => _p21 = await P21Simulator.StartAsync(new P21SimulatorOptions());

    [TearDown]
    public async Task Stop() => await _p21.DisposeAsync();

    /// <summary>The mapping the sandbox and docker-compose ship, on the simulator's chart of accounts and items.</summary>
    Dictionary<string, string?> Settings()
    {
        var settings = new Dictionary<string, string?>
        {
            ["P21:BaseUrl"] = _p21.BaseUrl,
            ["P21:Username"] = "api_user",
            ["P21:Password"] = "api_password",
            ["P21:CompanyId"] = "ACME",
            ["P21:Journals:DebitAccount"] = P21Seed.StripeClearingAccount,
            ["P21:Journals:CreditAccount"] = P21Seed.CustomerDepositsAccount,
            ["P21:Disputes:DisputedFundsAccount"] = P21Seed.DisputedFundsAccount,
            ["P21:Disputes:FeeAccount"] = P21Seed.DisputeFeesAccount,
            ["P21:Subscriptions:Items:price_1QStandardMonthly"] = P21Seed.SubscriptionStandardItemId,
            ["P21:Subscriptions:TaxItemId"] = P21Seed.SubscriptionTaxItemId,
            ["Stripe:OrderLines:ItemMap:prod_Widget"] = "WIDGET-001",
        };
        foreach (var (key, value) in P21Seed.PayoutAccountSettings())
            settings[key] = value;
        return settings;
    }

    [Test]
    public async Task Should_pass_the_shipped_mapping()
    {
        var (exitCode, output, error) = await CliRun.Run(Settings(), "config", "validate");

        Assert.That(exitCode, Is.EqualTo(0), output + error);
        Assert.That(output.Trim(), Does.EndWith("no problem"));
        Assert.That(output, Does.Match(@"^\d+ mapped value\(s\) checked"));
    }

    [Test]
    public async Task Should_print_one_line_per_problem_and_fail()
    {
        var settings = Settings();
        settings["P21:Disputes:FeeAccount"] = "68100099";
        settings["P21:Payouts:Accounts:1:Account"] = "99999999";
        settings["Stripe:OrderLines:ItemMap:prod_Widget"] = "WIDGET-999";
        settings["P21:Subscriptions:Items:price_1QOld"] = "OLD-PART";
        var now = P21MappingCheck.CurrentPeriod(DateTimeOffset.UtcNow, null, 1);
        _p21.Store.Ledger.SetClosed(new P21GlPeriod(now.YearForPeriod, now.Period));

        var (exitCode, output, _) = await CliRun.Run(settings, "config", "validate");

        Assert.That(exitCode, Is.EqualTo(1));
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.That(lines[..^1], Is.EquivalentTo(new[]
        {
            "P21:Disputes:FeeAccount: GL account '68100099' is not in P21's chart of accounts",
            "P21:Payouts:Accounts:1:Account: GL account '99999999' is not in P21's chart of accounts",
            $"GL period {now.Period} of {now.YearForPeriod} (today's) is closed in P21: journals posted today would be refused",
            "P21:Subscriptions:Items:price_1QOld: item 'OLD-PART' is not in P21's item master",
            "Stripe:OrderLines:ItemMap:prod_Widget: item 'WIDGET-999' is not in P21's item master",
        }));
        Assert.That(lines[^1], Does.EndWith("5 problem(s)"));
    }

    [Test]
    public async Task Should_report_the_routing_and_risk_rules_the_gateway_and_sagas_would_refuse()
    {
        var settings = Settings();
        settings["Gateway:Routing:Rules:0:Name"] = "wholesale";
        settings["Gateway:Routing:Rules:0:Flow"] = "wholesale-orders";
        settings["Gateway:Routing:Rules:0:MetadataKey"] = "channel";
        settings["PaymentRisk:Rules:0:Name"] = "refund-everything";
        settings["PaymentRisk:Rules:0:EarlyFraudWarning"] = "true";
        settings["PaymentRisk:Rules:0:Actions:0"] = "Shred";

        var (exitCode, output, _) = await CliRun.Run(settings, "config", "validate");

        Assert.That(exitCode, Is.EqualTo(1));
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Multiple(() =>
        {
            Assert.That(lines, Has.Some.StartsWith("Gateway:Routing:Rules:0:Flow 'wholesale-orders' has no mapper in this version"));
            Assert.That(lines, Has.Some.StartsWith("PaymentRisk:Rules:0").And.Some.Contains("Shred"));
            Assert.That(lines[^1], Does.EndWith("2 problem(s)"), "the P21 mapping itself is right");
        });
    }

    [Test]
    public async Task Should_say_P21_cannot_be_asked_rather_than_report_mappings_wrong()
    {
        var settings = Settings();
        settings["P21:Password"] = "wrong";

        var (exitCode, output, error) = await CliRun.Run(settings, "config", "validate");

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(output, Is.Empty);
        Assert.That(error, Does.StartWith("payments: P21 refused the API credentials"));
        Assert.That(error, Does.Not.Contain("wrong"), "the password is not repeated");
    }

    [Test]
    public async Task Should_check_the_Znode_state_names_against_Znodes_tables_when_a_Znode_is_configured()
    {
        await using var znode = await ZnodeSimulator.StartAsync();
        var settings = Settings();
        settings["Znode:BaseUrl"] = znode.BaseUrl;
        settings["Znode:DomainName"] = znode.Options.DomainName;
        settings["Znode:ApiKey"] = znode.Options.ApiKey;

        var (passed, passOutput, passError) = await CliRun.Run(settings, "config", "validate");

        settings["Znode:Orders:PaidOrderState"] = "PAID IN FULL";
        settings["Znode:Returns:RefundProcessedState"] = "REFUNDED";
        var (failed, failOutput, _) = await CliRun.Run(settings, "config", "validate");

        Assert.That(passed, Is.EqualTo(0), passOutput + passError);
        Assert.That(passOutput.Trim(), Does.Contain($"9 Znode state name(s) checked against Znode at {znode.BaseUrl}").And.EndWith("no problem"));
        Assert.That(failed, Is.EqualTo(1));
        var lines = failOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.That(lines[..^1], Has.Length.EqualTo(2));
        Assert.That(lines[0], Does.StartWith("Znode:Orders:PaidOrderState: 'PAID IN FULL' is not a Znode order state (Znode has SUBMITTED"));
        Assert.That(lines[1], Does.StartWith("Znode:Returns:RefundProcessedState: 'REFUNDED' is not a Znode return state (Znode has Submitted, Not Submitted"));
        Assert.That(lines[^1], Does.EndWith("2 problem(s)"));
    }

    [Test]
    public async Task Should_say_so_when_no_Znode_is_configured()
    {
        var (exitCode, output, _) = await CliRun.Run(Settings(), "config", "validate");

        Assert.That(exitCode, Is.EqualTo(0));
        Assert.That(output, Does.Contain("no Znode configured (Znode:BaseUrl): its state names not checked"));
    }
}
