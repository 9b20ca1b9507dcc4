using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Payments.Simulators.P21.Store;

namespace Payments.P21Service.Tests.PayoutReconciliation;

/// <summary><c>P21:Payouts:Accounts</c> is required and checked at start-up: the service does not start without an account for what every payout holds.</summary>
[TestFixture]
public class When_validating_the_payout_accounts
{
    /// <summary>Everything the P21 service needs, with the tests' payout rules; <paramref name="change"/> breaks it.</summary>
    static async Task<IReadOnlyList<string>> StartAsync(Action<Dictionary<string, string?>> change)
    {
        var settings = PayoutAccountRules.AddTo(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:P21Service"] = $"Data Source={Path.Combine(Path.GetTempPath(), "payments-p21-payout-options-never-created.db")}",
            ["P21:BaseUrl"] = "https://p21.example.com", ["P21:Username"] = "api_user", ["P21:Password"] = "secret", ["P21:CompanyId"] = "ACME",
            ["P21:SalesOrders:SalesLocationId"] = "10", ["P21:SalesOrders:SourceLocationId"] = "10",
            ["P21:Customers:SalesrepId"] = "1100", ["P21:Customers:DefaultBranch"] = "10",
            ["P21:Journals:DebitAccount"] = P21Seed.StripeClearingAccount, ["P21:Journals:CreditAccount"] = P21Seed.CustomerDepositsAccount, ["P21:Journals:JournalId"] = "CR",
            ["P21:Disputes:DisputedFundsAccount"] = P21Seed.DisputedFundsAccount, ["P21:Disputes:FeeAccount"] = P21Seed.DisputeFeesAccount,
        });
        change(settings);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddP21Service();
        using var host = builder.Build();
        try
        {
            await host.StartAsync();
            await host.StopAsync();
            return [];
        }
        catch (OptionsValidationException e)
        {
            return e.Failures.ToList();
        }
        catch (AggregateException e) when (e.InnerExceptions.All(i => i is OptionsValidationException))
        {
            return e.InnerExceptions.Cast<OptionsValidationException>().SelectMany(i => i.Failures).ToList();
        }
    }

    static void Remove(Dictionary<string, string?> settings, int rule)
    {
        foreach (var key in settings.Keys.Where(k => k.StartsWith($"P21:Payouts:Accounts:{rule}:", StringComparison.Ordinal)).ToList()) settings.Remove(key);
    }

    [Test]
    public async Task Should_refuse_to_start_without_a_bank_account_rule_in_one_clear_line()
    {
        var failures = await StartAsync(s => Remove(s, PayoutAccountRules.IndexOf("payout")));

        Assert.That(failures, Is.EqualTo(new[] { "P21:Payouts:Accounts: No rule gives an account for payout 'payout' in USD." }));
    }

    [Test]
    public async Task Should_refuse_to_start_without_any_rule_naming_the_section()
    {
        var failures = await StartAsync(s =>
        {
            foreach (var key in s.Keys.Where(k => k.StartsWith("P21:Payouts:", StringComparison.Ordinal)).ToList()) s.Remove(key);
        });

        Assert.That(failures, Has.Count.EqualTo(1));
        Assert.That(failures[0], Does.StartWith("P21:Payouts:Accounts is required"));
    }

    /// <summary>The index of a rule added after the seed's.</summary>
    static readonly int Added = P21Seed.PayoutAccountRules.Count;

    [Test]
    public async Task Should_check_the_rules_in_the_ledgers_currency_and_name_each_bad_rule()
    {
        var failures = await StartAsync(s =>
        {
            s["P21:Journals:LedgerCurrency"] = "JPY";
            var bank = PayoutAccountRules.IndexOf("payout");
            s[$"P21:Payouts:Accounts:{bank}:Currency"] = "USD"; // a bank account for dollars only
            s[$"P21:Payouts:Accounts:{Added}:Category"] = "fees";     // not a category
            s[$"P21:Payouts:Accounts:{Added}:Account"] = P21Seed.StripeFeesAccount;
        });

        Assert.That(failures, Has.Count.EqualTo(1), string.Join(Environment.NewLine, failures));
        Assert.That(failures[0], Does.StartWith($"P21:Payouts:Accounts: Rule {Added} (category fees, type any, currency any)").And.Contain("'fees' is not a category"));

        var yen = await StartAsync(s =>
        {
            s["P21:Journals:LedgerCurrency"] = "JPY";
            s[$"P21:Payouts:Accounts:{PayoutAccountRules.IndexOf("payout")}:Currency"] = "USD";
        });

        Assert.That(yen, Is.EqualTo(new[] { "P21:Payouts:Accounts: No rule gives an account for payout 'payout' in JPY." }));
    }
}
