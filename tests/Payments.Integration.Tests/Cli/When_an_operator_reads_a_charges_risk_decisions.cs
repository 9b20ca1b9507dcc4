using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Payments.Cli;
using Payments.Contracts.Shared;
using Payments.Persistence.Configuration;
using Payments.Persistence.Migrations;
using Payments.Sagas.Data;
using Payments.Sagas.PaymentRisk;
using Payments.Testing;

namespace Payments.Integration.Tests.Cli;

/// <summary>
/// <c>payments risk show &lt;charge&gt;</c> on the sagas' database, configured as the sagas service is: every decision the payment-risk flow
/// kept for the charge, with its rule, actions and signals, and the refund it led to.
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public class When_an_operator_reads_a_charges_risk_decisions(DatabaseProvider provider)
{
    TestDatabase _database = null!;
    IConfiguration _configuration = null!;

    [SetUp]
    public async Task CreateDatabase()
    {
        _database = await TestDatabase.Create(provider, "payments_cli_risk");
        _configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider.ToString(),
            ["ConnectionStrings:Sagas"] = _database.ConnectionString,
        }).Build();
        await using var db = Open();
        await db.MigratePaymentsDatabaseAsync();
    }

    [TearDown]
    public async Task DropDatabase() => await _database.DisposeAsync();

    [Test]
    public async Task Should_print_every_decision_with_its_rule_actions_and_signals()
    {
        const string charge = "ch_risk_cli_1";
        await using (var db = Open())
        {
            db.ChargeRisks.Add(new ChargeRiskState
            {
                CorrelationId = CorrelationKey.ChargeRisk(charge).ToGuid(),
                CurrentState = "Decided",
                Subject = CorrelationKey.ChargeRisk(charge).ToString(),
                ChargeId = charge,
                RefundId = "re_proactive_1",
                DecisionCount = 2,
                Decisions =
                    "2026-11-30T05:53:43Z | rule refund-actionable-warning-under-limit | actions ProactiveRefund,Alert | risk level normal, score 32, early fraud warning (made_with_stolen_card), actionable, 74.99 USD | rule 'refund-actionable-warning-under-limit' fired: warning actionable; amount 74.99 USD ≤ 100 → ProactiveRefund, Alert\n" +
                    "2026-11-30T05:53:46Z | rule hold-early-fraud-warning | actions HoldOrder,Alert | risk level normal, score 32, early fraud warning (made_with_stolen_card), not actionable, 74.99 USD, already refunded | rule 'hold-early-fraud-warning' fired → HoldOrder, Alert\n",
            });
            await db.SaveChangesAsync();
        }

        var shown = await Run("risk", "show", charge);

        Assert.Multiple(() =>
        {
            Assert.That(shown.ExitCode, Is.EqualTo(ExitCodes.Done), shown.Error);
            Assert.That(shown.Output, Does.Contain($"Charge {charge}: 2 decision(s), state Decided"));
            Assert.That(shown.Output, Does.Contain("refund-actionable-warning-under-limit").And.Contain("ProactiveRefund,Alert"));
            Assert.That(shown.Output, Does.Contain("hold-early-fraud-warning").And.Contain("already refunded"));
            Assert.That(shown.Output, Does.Contain("Proactive refund: re_proactive_1"));
        });
    }

    [Test]
    public async Task Should_say_so_and_fail_for_a_charge_without_decisions()
    {
        var shown = await Run("risk", "show", "ch_never_seen");

        Assert.Multiple(() =>
        {
            Assert.That(shown.ExitCode, Is.EqualTo(ExitCodes.Failed));
            Assert.That(shown.Error, Does.Contain("no risk decision for charge ch_never_seen"));
        });
    }

    SagaDbContext Open() =>
        new((DbContextOptions<SagaDbContext>)new DbContextOptionsBuilder<SagaDbContext>().UsePaymentsProvider(provider, _database.ConnectionString).Options);

    async Task<(int ExitCode, string Output, string Error)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await PaymentsCommand.RunAsync(args, _configuration, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }
}
