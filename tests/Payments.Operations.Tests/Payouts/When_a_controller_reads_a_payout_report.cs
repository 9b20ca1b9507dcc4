using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Payments.Contracts.PayoutReconciliation;
using Payments.Contracts.Shared;
using Payments.Operations.FlowRuns;
using Payments.Persistence.Configuration;
using Payments.Sagas.Data;
using Payments.Sagas.PayoutReconciliation;
using Payments.StripeService.Data;

namespace Payments.Operations.Tests.Payouts;

/// <summary>
/// A posted payout as the flow leaves it — the saga's row in the sagas' database, its balance transactions in the Stripe service's,
/// both created by those services' own migrations — read in the console: listed, its report as a page and as a CSV download.
/// </summary>
public class When_a_controller_reads_a_payout_report
{
    const string PayoutId = "po_1ConsoleReport";

    TestDatabase _sagas = null!;
    TestDatabase _stripe = null!;

    [SetUp]
    public async Task Create_the_flow_databases()
    {
        _sagas = await TestDatabase.Create(DatabaseProvider.Sqlite, "payments_sagas");
        _stripe = await TestDatabase.Create(DatabaseProvider.Sqlite, "payments_stripe");
        await using (var sagas = new SagaDbContext(Options<SagaDbContext>(_sagas)))
        {
            await sagas.Database.MigrateAsync();
            sagas.Set<PayoutState>().Add(PostedPayout());
            await sagas.SaveChangesAsync();
        }
        await using (var stripe = new StripeServiceDbContext(Options<StripeServiceDbContext>(_stripe)))
        {
            await stripe.Database.MigrateAsync();
            stripe.PayoutTransactionLines.AddRange(
                Line("txn_1", "charge", 15000, 465, "ch_1", "1001", 1),
                Line("txn_2", "refund", -3000, 0, "ch_1", "1001", 2),
                Line("txn_3", "charge", 9000, 291, "ch_2", null, 3));
            await stripe.SaveChangesAsync();
        }
    }

    [TearDown]
    public async Task Drop_them()
    {
        await _sagas.DisposeAsync();
        await _stripe.DisposeAsync();
    }

    [Test]
    public async Task Should_list_the_payout_and_serve_its_report_as_a_page_and_a_csv()
    {
        await using var console = await ConsoleHost.StartAsync(Settings(withDatabases: true));
        await console.SeedAsync(new FlowRun
        {
            CorrelationId = CorrelationKey.StripePayout(PayoutId).ToGuid(),
            Flow = FlowNames.PayoutReconciliation,
            Subject = CorrelationKey.StripePayout(PayoutId).ToString(),
            State = FlowRunStates.Completed,
            StateAt = DateTime.UtcNow,
        });
        using var client = console.Client();
        await ConsoleHost.LogInAsync(client);

        var list = await client.GetStringAsync("/payouts");
        using var page = await client.GetAsync($"/payouts/{PayoutId}/report");
        var html = await page.Content.ReadAsStringAsync();
        using var download = await client.GetAsync($"/payouts/{PayoutId}/report.csv");
        var csv = await download.Content.ReadAsStringAsync();

        Assert.Multiple(() =>
        {
            Assert.That(list, Does.Contain($"/payouts/{PayoutId}/report").And.Contain(PayoutId));
            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(page.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/html"));
            Assert.That(html, Does.Contain("GL-000077").And.Contain("txn_1").And.Contain("txn_2").And.Contain("txn_3"),
                "the journal number from the saga's row and every balance transaction from the Stripe service's");
            Assert.That(html, Does.Contain("1001"), "the P21 order of the matched charge");
            Assert.That(download.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(download.Content.Headers.ContentDisposition!.FileName, Does.Contain($"payout-{PayoutId}.csv"));
            Assert.That(csv.Split('\n').Count(l => l.Contains(",txn_", StringComparison.Ordinal)), Is.EqualTo(3), "a record per balance transaction");
            Assert.That(csv, Does.Contain("GL-000077"));
        });
    }

    [Test]
    public async Task Should_say_what_it_lacks_and_never_serve_a_report_anonymously()
    {
        await using var without = await ConsoleHost.StartAsync(Settings(withDatabases: false));
        using var signedIn = without.Client();
        await ConsoleHost.LogInAsync(signedIn);
        using var anonymous = without.Client();

        using var unavailable = await signedIn.GetAsync($"/payouts/{PayoutId}/report");
        using var refused = await anonymous.GetAsync($"/payouts/{PayoutId}/report.csv");
        using var notAPayout = await signedIn.GetAsync("/payouts/ch_123/report");

        Assert.Multiple(async () =>
        {
            Assert.That(unavailable.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(await unavailable.Content.ReadAsStringAsync(), Does.Contain("ConnectionStrings:Sagas").And.Contain("ConnectionStrings:StripeService"));
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(refused.Headers.Location!.ToString(), Does.Contain("/login"));
            Assert.That(notAPayout.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        });
    }

    [Test]
    public async Task Should_answer_not_found_for_a_payout_the_flow_never_saw()
    {
        await using var console = await ConsoleHost.StartAsync(Settings(withDatabases: true));
        using var client = console.Client();
        await ConsoleHost.LogInAsync(client);

        using var response = await client.GetAsync("/payouts/po_neverReported/report");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("No payout po_neverReported"));
    }

    Dictionary<string, string?> Settings(bool withDatabases)
    {
        var settings = ConsoleHost.LocalAdmin();
        if (withDatabases)
        {
            settings["ConnectionStrings:Sagas"] = _sagas.ConnectionString;
            settings["ConnectionStrings:StripeService"] = _stripe.ConnectionString;
        }
        return settings;
    }

    static DbContextOptions<T> Options<T>(TestDatabase database) where T : DbContext =>
        (DbContextOptions<T>)new DbContextOptionsBuilder<T>().UsePaymentsProvider(DatabaseProvider.Sqlite, database.ConnectionString).Options;

    /// <summary>A USD payout of 202.44 posted as journal GL-000077: two sales and a refund, Stripe's fees.</summary>
    static PayoutState PostedPayout() => new()
    {
        CorrelationId = CorrelationKey.StripePayout(PayoutId).ToGuid(),
        CurrentState = "Posted",
        Subject = CorrelationKey.StripePayout(PayoutId).ToString(),
        CreatedAt = new DateTime(2026, 11, 30, 5, 0, 0, DateTimeKind.Utc),
        UpdatedAt = new DateTime(2026, 11, 30, 6, 0, 0, DateTimeKind.Utc),
        PayoutId = PayoutId,
        AmountMinor = 20244,
        Currency = "USD",
        Status = "paid",
        Automatic = true,
        ReconciliationStatus = "completed",
        ArrivalDate = new DateTime(2026, 11, 30, 0, 0, 0, DateTimeKind.Utc),
        LastReportedAt = new DateTime(2026, 11, 30, 5, 0, 0, DateTimeKind.Utc),
        Run = 1,
        Totals = JsonSerializer.Serialize(new PayoutTotals
        {
            Count = 3,
            NetMinor = 20244,
            OwnTransactionAmountMinor = -20244,
            Gross =
            [
                new PayoutGrossTotal { Category = "charge", Type = "charge", Currency = "USD", SettlementMinor = 24000, OriginalMinor = 24000, Count = 2, ConvertedCount = 0 },
                new PayoutGrossTotal { Category = "refund", Type = "refund", Currency = "USD", SettlementMinor = -3000, OriginalMinor = -3000, Count = 1, ConvertedCount = 0 },
            ],
            Fees = new Dictionary<string, long> { ["stripe_fee"] = 756 },
            LastTransactionId = "txn_3",
        }),
        JournalNumber = "GL-000077",
        Period = "2026-11",
        JournalLines = JsonSerializer.Serialize(new List<PayoutJournalLine>
        {
            new() { Account = "1010-00", Amount = 202.44m, Description = "Stripe payout to bank" },
            new() { Account = "6150-00", Amount = 7.56m, Description = "Fees: stripe_fee" },
            new() { Account = "1200-00", Amount = 30.00m, Description = "Refunds" },
            new() { Account = "4000-00", Amount = -240.00m, Description = "Sales USD" },
        }),
    };

    static PayoutTransactionLine Line(string id, string type, long amount, long fee, string charge, string? p21Order, int minute) => new()
    {
        PayoutId = PayoutId,
        BalanceTransactionId = id,
        Run = 1,
        Type = type,
        ReportingCategory = type,
        Category = type,
        AmountMinor = amount,
        FeeMinor = fee,
        NetMinor = amount - fee,
        Currency = "USD",
        Fees = fee == 0 ? "" : $"stripe_fee={fee}",
        SourceId = type == "refund" ? "re_" + id : charge,
        ChargeId = charge,
        P21OrderNo = p21Order,
        Created = new DateTime(2026, 11, 29, 12, minute, 0, DateTimeKind.Utc),
    };
}
