using Payments.Domain.Reconciliation;

namespace Payments.Domain.Tests.Reconciliation;

public class When_resolving_GL_accounts
{
    [Test]
    public void Should_take_the_most_specific_rule_whatever_the_order()
    {
        AccountRule[] rules =
        [
            new() { Account = "ANY" },
            new() { Currency = "EUR", Account = "ANY-EUR" },
            new() { Category = "fee", Account = "FEE" },
            new() { Category = "fee", Currency = "EUR", Account = "FEE-EUR" },
            new() { Category = "fee", Type = "tax", Account = "FEE-TAX" },
            new() { Category = "fee", Type = "tax", Currency = "EUR", Account = "FEE-TAX-EUR" },
        ];
        foreach (var order in new[] { rules, rules.Reverse().ToArray() })
        {
            var chart = AccountRules.From(order);
            Assert.That(chart.Find(new AccountKey(TransactionCategory.Fee, "tax", "EUR")), Is.EqualTo("FEE-TAX-EUR"));
            Assert.That(chart.Find(new AccountKey(TransactionCategory.Fee, "tax", "USD")), Is.EqualTo("FEE-TAX"));
            Assert.That(chart.Find(new AccountKey(TransactionCategory.Fee, "stripe_fee", "EUR")), Is.EqualTo("FEE-EUR"));
            Assert.That(chart.Find(new AccountKey(TransactionCategory.Fee, "stripe_fee", "USD")), Is.EqualTo("FEE"));
            Assert.That(chart.Find(new AccountKey(TransactionCategory.Charge, "charge", "EUR")), Is.EqualTo("ANY-EUR"));
            Assert.That(chart.Find(new AccountKey(TransactionCategory.Charge, "charge", "USD")), Is.EqualTo("ANY"));
        }
    }

    [Test]
    public void Should_match_names_and_codes_in_any_case_and_trim_the_account()
    {
        var chart = AccountRules.From([new AccountRule { Category = "Dispute_Withdrawal", Type = "ADJUSTMENT", Currency = "usd", Account = " 40300000 " }]);

        Assert.That(chart.Find(new AccountKey(TransactionCategory.DisputeWithdrawal, "adjustment", "USD")), Is.EqualTo("40300000"));
    }

    [Test]
    public void Should_name_every_key_without_an_account()
    {
        var chart = AccountRules.From([new AccountRule { Category = "charge", Account = "4000" }]);
        AccountKey[] keys =
        [
            new(TransactionCategory.Charge, "charge", "USD"),
            new(TransactionCategory.Fee, "stripe_fx_fee", "USD"),
            new(TransactionCategory.Payout, "payout", "USD"),
        ];

        var error = Assert.Throws<MissingAccountException>(() => chart.Resolve(keys))!;

        Assert.That(error.Keys, Is.EqualTo(new[] { keys[1], keys[2] }));
        Assert.That(error.Message, Does.Contain("fee 'stripe_fx_fee' in USD").And.Contain("payout 'payout' in USD"));
    }

    [Test]
    public void Should_list_every_problem_one_line_each()
    {
        AccountRule[] rules =
        [
            new() { Category = "charge", Account = "" },
            new() { Category = "sales", Account = "4000" },
            new() { Category = "fee", Currency = "EURO", Account = "6000" },
            new() { Category = "refund", Account = new string('9', 33) },
            new() { Category = "payout", Account = "1010" },
            new() { Category = "PAYOUT", Account = "1020" },
            new() { Category = "fee", Type = " ", Account = "6001" },
        ];

        var problems = AccountRules.Validate(rules);

        Assert.That(problems, Has.Count.EqualTo(6));
        Assert.That(problems[0], Does.StartWith("Rule 0").And.Contain("empty"));
        Assert.That(problems[1], Does.StartWith("Rule 1").And.Contain("'sales' is not a category"));
        Assert.That(problems[2], Does.StartWith("Rule 2").And.Contain("'EURO' is not an ISO 4217"));
        Assert.That(problems[3], Does.StartWith("Rule 3").And.Contain("32 characters"));
        Assert.That(problems[4], Does.StartWith("Rule 5").And.Contain("rule 4 has the same conditions"));
        Assert.That(problems[5], Does.StartWith("Rule 6").And.Contain("type is blank"));
        Assert.That(problems, Has.All.Not.Contain(Environment.NewLine));
        var error = Assert.Throws<ArgumentException>(() => AccountRules.From(rules))!;
        Assert.That(error.Message, Does.Contain(problems[0]).And.Contain(problems[5]));
    }

    [Test]
    public void Should_tell_which_needed_keys_no_rule_covers()
    {
        var problems = AccountRules.Validate(GlAccounts.Rules,
            [new(TransactionCategory.Charge, "charge", "JPY"), new(TransactionCategory.Fee, "withheld_tax", "USD"), new(TransactionCategory.Payout, "payout", "KWD")]);

        Assert.That(problems, Is.Empty);
        Assert.That(AccountRules.Validate([new AccountRule { Category = "charge", Account = "4000" }], [new(TransactionCategory.Refund, "refund", "USD")]),
            Is.EqualTo(new[] { "No rule gives an account for refund 'refund' in USD." }));
    }
}
