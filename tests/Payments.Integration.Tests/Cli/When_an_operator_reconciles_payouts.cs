using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Payments.Cli;
using Payments.Contracts.Shared;
using Payments.Persistence.Configuration;
using Payments.Persistence.Outbox;
using Payments.Testing;
using RabbitMQ.Client;

namespace Payments.Integration.Tests.Cli;

/// <summary>
/// <c>payments payouts list|report|rerun</c> on the sagas' database and the Stripe service's, configured as those services are, with
/// their <c>PayoutState</c> and <c>PayoutTransactionLine</c> tables as pinned; the re-run on the real RabbitMQ.
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public class When_an_operator_reconciles_payouts(DatabaseProvider provider)
{
    static readonly DateTime Arrival = new(2026, 11, 30, 0, 0, 0, DateTimeKind.Utc);

    TestDatabase _sagas = null!;
    TestDatabase _stripe = null!;
    Dictionary<string, string?> _settings = null!;

    [SetUp]
    public async Task CreateDatabases()
    {
        _sagas = await TestDatabase.Create(provider, "payments_cli_payouts_sagas");
        _stripe = await TestDatabase.Create(provider, "payments_cli_payouts_stripe");
        _settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider.ToString(),
            ["ConnectionStrings:Sagas"] = _sagas.ConnectionString,
            ["ConnectionStrings:StripeService"] = _stripe.ConnectionString,
        };
        await using (var sagas = Open(_sagas))
            await PayoutTables.CreatePayoutStateAsync(sagas, provider);
        await using (var stripe = Open(_stripe))
            await PayoutTables.CreatePayoutTransactionLineAsync(stripe, provider);
    }

    [TearDown]
    public async Task DropDatabases()
    {
        await _sagas.DisposeAsync();
        await _stripe.DisposeAsync();
    }

    [Test]
    public async Task Should_list_the_payouts_latest_arrival_first_with_amount_state_journal_and_flags()
    {
        await AddFlaggedPayoutAsync("po_flagged");
        await using (var sagas = Open(_sagas))
        {
            await PayoutTables.AddPayoutAsync(sagas, "po_posted", "Posted", 123400, "JPY", Arrival.AddDays(-1), journal: "GL-000007", period: "2026-11");
            await PayoutTables.AddPayoutAsync(sagas, "po_waiting", "AwaitingSettlement", 1234560, "KWD", Arrival.AddDays(2));
        }

        var all = await Run("payouts", "list");
        var posted = await Run("payouts", "list", "--state", "Posted");

        var rows = all.Output.Split('\n').Where(l => l.Contains("po_", StringComparison.Ordinal)).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(all.ExitCode, Is.EqualTo(ExitCodes.Done), all.Error);
            Assert.That(all.Output, Does.StartWith("3 payout(s)"));
            Assert.That(rows, Has.Length.EqualTo(3));
            Assert.That(rows[0], Does.Contain("po_waiting").And.Contain("2026-12-02").And.Contain("1234.560").And.Contain("KWD").And.Contain("AwaitingSettlement"));
            Assert.That(rows[1], Does.Contain("po_flagged").And.Contain("2026-11-30").And.Contain("90.57").And.Contain("USD").And.Contain("Flagged"));
            Assert.That(rows[1].TrimEnd().TrimEnd('│').TrimEnd(), Does.EndWith("1"), "one flag");
            Assert.That(rows[2], Does.Contain("po_posted").And.Contain("123400").And.Contain("JPY").And.Contain("Posted").And.Contain("GL-000007"));

            Assert.That(posted.Output, Does.StartWith("1 payout(s) Posted"));
            Assert.That(posted.Output, Does.Contain("po_posted").And.Not.Contain("po_flagged"));
        });
    }

    [Test]
    public async Task Should_write_the_csv_report_with_every_line_of_the_payout_from_the_stripe_service()
    {
        await AddFlaggedPayoutAsync("po_flagged");

        var report = await Run("payouts", "report", "po_flagged");

        var records = report.Output.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var lines = records.Where(r => r.StartsWith("2026-", StringComparison.Ordinal)).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(report.ExitCode, Is.EqualTo(ExitCodes.Done), report.Error);
            Assert.That(records[0], Is.EqualTo("Stripe payout,po_flagged"));
            Assert.That(records, Does.Contain("Gross sales,160.83,USD").And.Contain("Refunds,-30.00,USD").And.Contain("Disputes,-20.00,USD")
                .And.Contain("Fee: stripe_fee,-20.26,USD").And.Contain("Net,90.57,USD"));
            Assert.That(records, Does.Contain("Flag,UnknownOrder,Charge ch_3 has no known order.,txn_4,ch_3"));
            // Ordered by created: txn_4 was created before txn_3. The other payout's line is not here.
            Assert.That(lines.Select(l => l.Split(',')[1]), Is.EqualTo(new[] { "txn_1", "txn_2", "txn_4", "txn_3" }));
            Assert.That(lines[0], Does.StartWith("2026-11-27 09:00:00,txn_1,charge,charge,charge,150.00,4.65,145.35,USD,stripe_fee=4.65,,,,ch_1,ch_1,1001,,"));
            Assert.That(lines[2], Does.Contain(",10.83,0.61,10.22,USD,stripe_fee=0.61,10.00,EUR,1.083,ch_3,").And.EndWith(",UnknownOrder: no known order"));
            Assert.That(lines[3], Does.Contain(",-20.00,15.00,-35.00,USD,").And.Contain(",1002,ZN-9,"));
        });
    }

    [Test]
    public async Task Should_write_the_html_report_to_the_file_it_is_given()
    {
        await AddFlaggedPayoutAsync("po_flagged");
        var file = Path.Combine(Path.GetTempPath(), $"payments-payout-{Guid.NewGuid():N}.html");
        try
        {
            var report = await Run("payouts", "report", "po_flagged", "--format", "html", "--output", file);

            var html = await File.ReadAllTextAsync(file);
            Assert.Multiple(() =>
            {
                Assert.That(report.ExitCode, Is.EqualTo(ExitCodes.Done), report.Error);
                Assert.That(report.Output, Does.Contain($"Wrote the html report of payout po_flagged (4 balance transaction(s)) to {file}"));
                Assert.That(html, Does.Contain("<h1>Stripe payout po_flagged</h1>").And.Contain("<dt>State</dt><dd>Flagged</dd>"));
                Assert.That(html, Does.Contain("<section class=\"flags\">").And.Contain("Charge ch_3 has no known order."));
                Assert.That(html, Does.Contain("&lt;script&gt;alert(1)&lt;/script&gt;").And.Not.Contain("<script"));
                Assert.That(html, Does.Contain("4 balance transaction(s)."));
                Assert.That(File.Exists(file + ".partial"), Is.False);
            });
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public async Task Should_fail_with_one_line_for_a_payout_the_flow_does_not_know()
    {
        var report = await Run("payouts", "report", "po_never_seen");

        Assert.Multiple(() =>
        {
            Assert.That(report.ExitCode, Is.EqualTo(ExitCodes.Failed));
            Assert.That(report.Error, Does.StartWith("payments: no payout po_never_seen in the payout-reconciliation flow"));
            Assert.That(report.Output, Is.Empty);
        });
    }

    [Test]
    public async Task Should_refuse_to_rerun_a_posted_payout_without_contacting_the_broker()
    {
        await using (var sagas = Open(_sagas))
            await PayoutTables.AddPayoutAsync(sagas, "po_posted", "Posted", 9057, "USD", Arrival, journal: "GL-000042", period: "2026-11");
        // Nothing listens there: reaching for the broker would fail with another message.
        _settings["Bus:RabbitMq:Host"] = "127.0.0.1";
        _settings["Bus:RabbitMq:Port"] = ClosedPort().ToString();

        var rerun = await Run("payouts", "rerun", "po_posted");

        Assert.Multiple(() =>
        {
            Assert.That(rerun.ExitCode, Is.EqualTo(ExitCodes.Failed));
            Assert.That(rerun.Error.TrimEnd(), Is.EqualTo("payments: payout po_posted is Posted with P21 journal GL-000042: a payout is posted once, never again"));
            Assert.That(rerun.Output, Is.Empty);
        });
    }

    [Test]
    public async Task Should_publish_a_rerun_of_a_flagged_payout_to_the_messages_exchange()
    {
        await using var broker = await Broker.ConnectOrIgnoreAsync();
        var virtualHost = $"payments-cli-rerun-{Guid.NewGuid():N}";
        await broker.CreateVirtualHostAsync(virtualHost);
        try
        {
            await AddFlaggedPayoutAsync("po_flagged");
            var connection = await new ConnectionFactory
            {
                HostName = broker.Options.Host, Port = broker.Options.Port, VirtualHost = virtualHost,
                UserName = broker.Options.Username, Password = broker.Options.Password,
            }.CreateConnectionAsync();
            await using var _ = connection;
            await using var channel = await connection.CreateChannelAsync();
            // The exchange MassTransit publishes the message to, as it declares it (fanout, durable); the sagas' queue is bound the same way.
            const string exchange = "Payments.PayoutReconciliation:RerunPayoutReconciliation";
            await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false);
            var queue = (await channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true)).QueueName;
            await channel.QueueBindAsync(queue, exchange, "");
            foreach (var (key, value) in broker.BusConfiguration(("Bus:RabbitMq:VirtualHost", virtualHost)))
                _settings[key] = value;

            var rerun = await Run("payouts", "rerun", "po_flagged", "--reason", "order 1003 entered in P21");

            Assert.That(rerun.ExitCode, Is.EqualTo(ExitCodes.Done), rerun.Error);
            Assert.That(rerun.Output, Does.Contain($"Asked the payout-reconciliation flow to re-run payout po_flagged (as {Environment.UserName}: order 1003 entered in P21)"));
            var delivered = await channel.BasicGetAsync(queue, autoAck: true);
            Assert.That(delivered, Is.Not.Null, "the message is on the queue bound to its exchange once the command has returned");
            using var envelope = JsonDocument.Parse(Encoding.UTF8.GetString(delivered!.Body.Span));
            var message = envelope.RootElement.GetProperty("message");
            Assert.Multiple(() =>
            {
                Assert.That(envelope.RootElement.GetProperty("messageType").EnumerateArray().Select(t => t.GetString()),
                    Does.Contain("urn:message:Payments.PayoutReconciliation:RerunPayoutReconciliation"));
                Assert.That(message.GetProperty("correlationId").GetGuid(), Is.EqualTo(CorrelationKey.StripePayout("po_flagged").ToGuid()));
                Assert.That(message.GetProperty("payoutId").GetString(), Is.EqualTo("po_flagged"));
                Assert.That(message.GetProperty("requestedBy").GetString(), Is.EqualTo(Environment.UserName));
                Assert.That(message.GetProperty("reason").GetString(), Is.EqualTo("order 1003 entered in P21"));
            });
        }
        finally
        {
            await broker.DeleteVirtualHostAsync(virtualHost);
        }
    }

    /// <summary>
    /// A flagged USD payout of 90.57 and its four balance transactions (a sale, a refund, a dispute with its fee, a sale of 10.00 EUR
    /// whose charge has no order, with a hostile description), plus a line of another payout that its report must not show.
    /// </summary>
    async Task AddFlaggedPayoutAsync(string payoutId)
    {
        await using (var sagas = Open(_sagas))
        {
            await PayoutTables.AddPayoutAsync(sagas, payoutId, "Flagged", 9057, "USD", Arrival,
                totals: """
                    {"Count":4,"NetMinor":9057,"OwnTransactionAmountMinor":-9057,"Gross":[
                     {"Category":"charge","Type":"charge","Currency":"EUR","SettlementMinor":1083,"OriginalMinor":1000,"Count":1,"ConvertedCount":1,"MinRate":1.083,"MaxRate":1.083},
                     {"Category":"charge","Type":"charge","Currency":"USD","SettlementMinor":15000,"OriginalMinor":15000,"Count":1,"ConvertedCount":0},
                     {"Category":"refund","Type":"refund","Currency":"USD","SettlementMinor":-3000,"OriginalMinor":-3000,"Count":1,"ConvertedCount":0},
                     {"Category":"dispute_withdrawal","Type":"adjustment","Currency":"USD","SettlementMinor":-2000,"OriginalMinor":-2000,"Count":1,"ConvertedCount":0}],
                     "Fees":{"stripe_fee":2026},"LastTransactionId":"txn_4"}
                    """,
                flags: """[{"Kind":"UnknownOrder","Reason":"Charge ch_3 has no known order.","BalanceTransactionId":"txn_4","ChargeId":"ch_3"}]""",
                flagCount: 1,
                conversions: """[{"OriginalCurrency":"EUR","OriginalAmount":10.00,"SettlementAmount":10.83,"EffectiveRate":1.083,"MinRate":1.083,"MaxRate":1.083,"Count":1}]""");
        }
        await using var stripe = Open(_stripe);
        var day = new DateTime(2026, 11, 27, 9, 0, 0, DateTimeKind.Utc);
        await PayoutTables.AddLineAsync(stripe, payoutId, "txn_1", "charge", 15000, 465, day, charge: "ch_1", p21: "1001", description: "Order 1001");
        await PayoutTables.AddLineAsync(stripe, payoutId, "txn_2", "refund", -3000, 0, day.AddHours(1), charge: "ch_1", p21: "1001");
        await PayoutTables.AddLineAsync(stripe, payoutId, "txn_3", "dispute_withdrawal", -2000, 1500, day.AddHours(3), charge: "ch_2", p21: "1002", znode: "ZN-9");
        await PayoutTables.AddLineAsync(stripe, payoutId, "txn_4", "charge", 1083, 61, day.AddHours(2), charge: "ch_3",
            original: ("EUR", 1000, 1.083m), description: "<script>alert(1)</script>");
        await PayoutTables.AddLineAsync(stripe, "po_other", "txn_9", "charge", 999, 0, day, charge: "ch_9", p21: "1009");
    }

    DbContext Open(TestDatabase database) =>
        new SharedInboxOutboxDbContext((DbContextOptions<SharedInboxOutboxDbContext>)new DbContextOptionsBuilder<SharedInboxOutboxDbContext>()
            .UsePaymentsProvider(provider, database.ConnectionString).Options);

    async Task<(int ExitCode, string Output, string Error)> Run(params string[] args)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(_settings).Build();
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await PaymentsCommand.RunAsync(args, configuration, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }

    static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
