using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Payments.Simulators.Stripe;
using Stripe;

namespace Payments.Simulators.Tests.Stripe;

/// <summary>
/// Thousands of succeeded charges at once, for benchmarks and large payouts, and a payout of them listed page by page as payout
/// reconciliation lists it (Stripe.net, <c>payout</c> filter, <c>starting_after</c>, sources expanded).
/// </summary>
[TestFixture]
public class When_seeding_charges_in_bulk
{
    StripeApiFake _fake = null!;
    StripeClient _client = null!;

    [SetUp]
    public async Task Start()
    {
        _fake = await StripeApiFake.StartAsync(new StripeApiFakeOptions { SeedFixtureCharge = false, AvailableAfter = TimeSpan.FromDays(2) });
        _client = StripeClients.For(_fake);
    }

    [TearDown]
    public async Task Stop() => await _fake.DisposeAsync();

    [Test]
    public async Task Should_add_available_charges_with_their_own_metadata_and_no_events()
    {
        var ids = _fake.Account.AddCharges(3, 2_500, "usd", new Dictionary<string, string> { ["p21_order_no"] = "SO-{n}", ["shop"] = "north" });
        var charges = await Task.WhenAll(ids.Select(id => _client.V1.Charges.GetAsync(id, new ChargeGetOptions { Expand = ["balance_transaction"] })));
        var payout = _fake.Account.RunPayouts("usd").Single();

        Assert.Multiple(() =>
        {
            Assert.That(charges.Select(c => c.Metadata["p21_order_no"]), Is.EqualTo(new[] { "SO-1", "SO-2", "SO-3" }));
            Assert.That(charges.Select(c => c.Metadata["shop"]).Distinct(), Is.EqualTo(new[] { "north" }));
            Assert.That(charges.Select(c => (c.Status, c.Amount, c.BalanceTransaction.Status, c.BalanceTransaction.Fee)).Distinct(),
                Is.EqualTo(new[] { ("succeeded", 2_500L, "available", 103L) }), "available at once although AvailableAfter is two days");
            Assert.That(_fake.Account.Events.Select(e => e.Type), Is.EqualTo(new[] { "payout.reconciliation_completed", "payout.paid", "payout.created" }),
                "no charge.succeeded");
            Assert.That((long)payout["amount"]!, Is.EqualTo(3 * (2_500 - 103)));
        });
    }

    [Test]
    public async Task Should_seed_over_the_control_api_and_refuse_a_bad_count()
    {
        using var control = new ControlClient(_fake.BaseUrl);

        var (created, body) = await control.PostRawAsync("/_sim/charges/bulk", """{"count": 2, "amount": 1000, "currency": "EUR", "metadata": {"p21_order_no": "SO-7{n}"}}""");
        var (tooMany, refusal) = await control.PostAsync("/_sim/charges/bulk", new { count = 1_000_000 });
        var (noRate, noRateBody) = await control.PostAsync("/_sim/charges/bulk", new { count = 1, currency = "sek" });
        var second = await _client.V1.Charges.GetAsync((string)body!["chargeIds"]![1]!, new ChargeGetOptions { Expand = ["balance_transaction"] });

        Assert.Multiple(() =>
        {
            Assert.That((created, (int?)body["created"]), Is.EqualTo((HttpStatusCode.Created, (int?)2)));
            Assert.That((second.Currency, second.Metadata["p21_order_no"]), Is.EqualTo(("eur", "SO-72")));
            Assert.That((second.BalanceTransaction.Amount, second.BalanceTransaction.Currency), Is.EqualTo((1_080L, "usd")), "converted as any charge");
            Assert.That(tooMany, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That((string?)refusal!["error"], Does.StartWith("count must be 1 to 100000"));
            Assert.That(noRate, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That((string?)noRateBody!["error"], Does.Contain("cannot convert sek"));
        });
    }

    /// <summary>
    /// 10,000 charges in one payout, listed over HTTP in pages of 100 with sources expanded (what Stripe.net sends for payout
    /// reconciliation): every transaction once, newest first, the nets adding up. Prints the time of the seeding and of the listing, and
    /// of the first and the last ten pages: the fake finds the cursor in the payout's index, so a late page costs what an early one does.
    /// Read over plain HTTP so that the figure is the fake's own (Stripe.net's deserialisation of 10,000 expanded charges costs more than
    /// the fake; figures in src/Payments.Simulators/Stripe/README.md).
    /// </summary>
    [Test]
    public async Task Should_list_a_payout_of_ten_thousand_transactions_page_by_page()
    {
        const int count = 10_000;
        var seeding = Stopwatch.StartNew();
        var ids = _fake.Account.AddCharges(count, 1_000, "usd", new Dictionary<string, string> { ["p21_order_no"] = "SO-{n}" });
        var payoutId = (string)_fake.Account.RunPayouts("usd").Single()["id"]!;
        seeding.Stop();
        using var api = new ControlClient(_fake.ApiBase);
        api.Http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "sk_test_123");

        var pageTimes = new List<TimeSpan>();
        var listed = new List<JsonNode>();
        var listing = Stopwatch.StartNew();
        string? cursor = null;
        while (true)
        {
            var page = Stopwatch.StartNew();
            var (status, list) = await api.GetAsync($"/v1/balance_transactions?payout={payoutId}&limit=100&expand[]=data.source" + (cursor is null ? "" : $"&starting_after={cursor}"));
            pageTimes.Add(page.Elapsed);
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
            var data = list!["data"]!.AsArray();
            listed.AddRange(data.Select(t => t!));
            if (!(bool)list["has_more"]!) break;
            cursor = (string)data[^1]!["id"]!;
        }
        listing.Stop();

        static double Ms(IEnumerable<TimeSpan> times) => times.Sum(t => t.TotalMilliseconds);
        TestContext.Out.WriteLine($"seeded {count} charges and their payout in {seeding.ElapsedMilliseconds} ms");
        TestContext.Out.WriteLine($"listed {listed.Count} balance transactions in {pageTimes.Count} pages of 100 in {listing.ElapsedMilliseconds} ms " +
                                  $"(first ten pages {Ms(pageTimes.Take(10)):F0} ms, last ten {Ms(pageTimes.TakeLast(10)):F0} ms)");
        Assert.Multiple(() =>
        {
            Assert.That(listed, Has.Count.EqualTo(count + 1), "every charge and the payout's own transaction");
            Assert.That(listed.Select(t => (string?)t["id"]).Distinct().Count(), Is.EqualTo(count + 1), "none twice");
            Assert.That(listed.Where(t => (string?)t["type"] == "charge").Select(t => (string?)t["source"]!["id"]), Is.EqualTo(Enumerable.Reverse(ids)), "newest first");
            Assert.That(listed.Sum(t => (long)t["net"]!), Is.Zero);
            Assert.That((string?)listed[0]["type"], Is.EqualTo("payout"), "the payout's own transaction is the newest");
            Assert.That((string?)listed[^1]["source"]!["metadata"]!["p21_order_no"], Is.EqualTo("SO-1"), "the oldest charge comes last, expanded");
        });
    }

    [Test]
    public async Task Should_page_a_payout_backwards_and_refuse_a_cursor_from_elsewhere()
    {
        _fake.Account.AddCharges(7, 1_000);
        var payoutId = (string)_fake.Account.RunPayouts("usd").Single()["id"]!;
        var forward = _client.V1.BalanceTransactions.ListAutoPaging(new BalanceTransactionListOptions { Payout = payoutId, Limit = 3 }).Select(t => t.Id).ToList();
        var other = _fake.Account.AddCharges(1, 1_000).Single();
        var otherTransaction = (await _client.V1.Charges.GetAsync(other)).BalanceTransactionId;

        var backward = _client.V1.BalanceTransactions.ListAutoPaging(new BalanceTransactionListOptions { Payout = payoutId, Limit = 3, EndingBefore = forward[^1] })
            .Select(t => t.Id).ToList();
        var foreign = Assert.ThrowsAsync<StripeException>(() =>
            _client.V1.BalanceTransactions.ListAsync(new BalanceTransactionListOptions { Payout = payoutId, StartingAfter = otherTransaction }))!;

        Assert.Multiple(() =>
        {
            Assert.That(forward, Has.Count.EqualTo(8));
            Assert.That(backward, Is.EqualTo(forward[..^1].AsEnumerable().Reverse()), "Stripe.net walks back from the oldest");
            Assert.That((foreign.HttpStatusCode, foreign.StripeError.Code), Is.EqualTo((HttpStatusCode.NotFound, "resource_missing")));
        });
    }
}
