using Microsoft.EntityFrameworkCore;
using Payments.Persistence.Configuration;
using Payments.Persistence.Outbox;
using Payments.Testing;

namespace Payments.Cli.Tests.StripeSubscription;

/// <summary><c>payments subscriptions list|show</c> on the sagas' database (table <c>SubscriptionState</c> as pinned).</summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public class When_an_operator_reads_subscriptions(DatabaseProvider provider)
{
    TestDatabase _sagas = null!;
    Dictionary<string, string?> _settings = null!;

    [SetUp]
    public async Task CreateDatabase()
    {
        _sagas = await TestDatabase.Create(provider, "payments_cli_subscriptions");
        _settings = new Dictionary<string, string?> { ["Database:Provider"] = provider.ToString(), ["ConnectionStrings:Sagas"] = _sagas.ConnectionString };
        await using var sagas = new SharedInboxOutboxDbContext((DbContextOptions<SharedInboxOutboxDbContext>)new DbContextOptionsBuilder<SharedInboxOutboxDbContext>()
            .UsePaymentsProvider(provider, _sagas.ConnectionString).Options);
        await SagaTables.CreateSubscriptionStateAsync(sagas, provider);
        var end = new DateTime(2026, 12, 28, 0, 0, 0, DateTimeKind.Utc);
        await SagaTables.AddSubscriptionAsync(sagas, "sub_Jpy", "cus_Tokyo", "PastDue", "past_due", "JPY",
            """[{"ItemId":"si_1","PriceId":"price_Jpy","ProductId":"prod_Svc","Quantity":2,"UnitAmountMinor":5500,"Interval":"month"}]""",
            """
            [{"InvoiceId":"in_Paid","Number":"A-0001","Status":"paid","TotalMinor":11000,"AmountDueMinor":11000,"Currency":"JPY","BillingReason":"subscription_create",
              "Step":"Posted","DocumentKind":"SalesOrder","DocumentNumber":"1004567","AttemptCount":1,"FailureActions":[],"Reason":null,"UpdatedAt":"2026-11-28T00:00:00+00:00"},
             {"InvoiceId":"in_Failed","Number":"A-0002","Status":"open","TotalMinor":11000,"AmountDueMinor":11000,"Currency":"JPY","BillingReason":"subscription_cycle",
              "Step":"PaymentFailed","DocumentKind":null,"DocumentNumber":null,"AttemptCount":2,"FailureActions":[1,2],"Reason":"Your card was declined.","UpdatedAt":"2026-11-29T00:00:00+00:00"}]
            """, posted: 1, periodEnd: end, updatedAt: new DateTime(2026, 11, 29, 0, 0, 0, DateTimeKind.Utc));
        await SagaTables.AddSubscriptionAsync(sagas, "sub_Usd", "cus_Acme", "Canceled", "canceled", "USD", "[]", "[]", posted: 0, periodEnd: end,
            updatedAt: new DateTime(2026, 11, 27, 0, 0, 0, DateTimeKind.Utc), cancellationReason: "cancellation_requested");
    }

    [TearDown]
    public async Task DropDatabase() => await _sagas.DisposeAsync();

    [Test]
    public async Task Should_list_them_latest_change_first_with_what_needs_attention()
    {
        var all = await CliRun.Run(_settings, "subscriptions", "list");
        var canceled = await CliRun.Run(_settings, "subscriptions", "list", "--state", "Canceled");

        var rows = all.Output.Split('\n').Where(l => l.Contains("sub_", StringComparison.Ordinal)).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(all.ExitCode, Is.EqualTo(ExitCodes.Done), all.Error);
            Assert.That(all.Output, Does.StartWith("2 subscription(s)"));
            Assert.That(rows[0], Does.Contain("sub_Jpy").And.Contain("cus_Tokyo").And.Contain("PastDue").And.Contain("2026-12-28").And.Contain("in_Failed PaymentFailed"));
            Assert.That(rows[1], Does.Contain("sub_Usd").And.Contain("Canceled"));
            Assert.That(canceled.Output, Does.StartWith("1 subscription(s) Canceled").And.Not.Contain("sub_Jpy"));
        });
    }

    [Test]
    public async Task Should_show_one_with_its_items_and_invoices_in_whole_yen()
    {
        var show = await CliRun.Run(_settings, "subscriptions", "show", "sub_Jpy");

        var lines = show.Output.Split('\n');
        Assert.Multiple(() =>
        {
            Assert.That(show.ExitCode, Is.EqualTo(ExitCodes.Done), show.Error);
            Assert.That(lines[0], Is.EqualTo("Subscription sub_Jpy of cus_Tokyo: PastDue (Stripe status past_due)"));
            Assert.That(lines.Single(l => l.Contains("si_1")), Does.Contain("price_Jpy").And.Contain("5500"));
            Assert.That(show.Output, Does.Contain("2 invoice(s), 1 posted to P21"));
            Assert.That(lines.Single(l => l.Contains("in_Paid")), Does.Contain("11000 JPY").And.Contain("Posted").And.Contain("SalesOrder 1004567"));
            Assert.That(lines.Single(l => l.Contains("in_Failed")), Does.Contain("PaymentFailed").And.Contain("Your card was declined."));
        });
    }

    [Test]
    public async Task Should_fail_with_one_line_for_a_subscription_the_flow_does_not_know()
    {
        var show = await CliRun.Run(_settings, "subscriptions", "show", "sub_Never");

        Assert.That(show.ExitCode, Is.EqualTo(ExitCodes.Failed));
        Assert.That(show.Error, Does.StartWith("payments: no subscription sub_Never in the stripe-subscription flow"));
    }
}
