using Payments.Contracts.PayoutReconciliation;
using Payments.Contracts.Shared;
using Payments.Persistence.Configuration;
using Payments.Simulators.Shared.Faults;
using Payments.Simulators.Stripe;
using Payments.Simulators.Stripe.Account;

namespace Payments.StripeService.Tests.PayoutReconciliation;

/// <summary>
/// The Stripe service lists a payout's balance transactions against the Stripe fake, page by page, on SQLite and PostgreSQL: every
/// transaction kept with its charge and order, totals that add up to the payout, flags for what does not reconcile, and a listing
/// that resumes, starts over and never counts a transaction twice.
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public class When_listing_a_payouts_balance_transactions(DatabaseProvider provider)
{
    StripeServiceHost _service = null!;

    StripeAccount Stripe => _service.Stripe.Account;

    Task StartAsync(int pageSize = 2, StripeApiFakeOptions? fake = null) => StartWith(pageSize, fake);

    async Task StartWith(int pageSize, StripeApiFakeOptions? fake)
    {
        _service = await StripeServiceHost.StartAsync(settings => settings["Stripe:Payouts:PageSize"] = pageSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            provider, fake ?? new StripeApiFakeOptions { SeedFixtureCharge = false });
    }

    [TearDown]
    public async Task Stop()
    {
        if (_service is not null) await _service.DisposeAsync();
    }

    static Dictionary<string, string> Order(string number) => new() { [StripeMetadataKeys.P21OrderNo] = number };

    /// <summary>
    /// Sales with P21 and Znode orders, a partial refund, a chargeback with its fee: six balance transactions (the payout's own
    /// included), three pages of two. Nets 9,680 + 4,825 − 3,000 + 3,854 − 5,500 = 9,859.
    /// </summary>
    (string A, string B, string C, string Refund) SellRefundAndGetDisputed()
    {
        var a = Stripe.AddCharge(new ChargeSpec { Amount = 10_000, Metadata = Order("SO-1") });
        var b = Stripe.AddCharge(new ChargeSpec { Amount = 5_000, Metadata = new Dictionary<string, string> { [StripeMetadataKeys.ZnodeOrderNumber] = "MA-5" } });
        var c = Stripe.AddCharge(new ChargeSpec { Amount = 4_000, Metadata = Order("SO-3") }, card: "createDispute");
        var refund = (string)Stripe.CreateRefund(a, null, 3_000)["id"]!;
        return (a, b, c, refund);
    }

    [Test]
    public async Task Should_keep_every_transaction_with_its_order_and_answer_totals_that_add_up_to_the_payout()
    {
        await StartAsync(pageSize: 2);
        var (a, b, c, refund) = SellRefundAndGetDisputed();
        var payout = Stripe.RunPayouts("usd").Single();
        var command = PayoutListingSpec.Command(payout);

        var listed = await _service.ListAsync(command);
        var lines = await _service.LinesAsync(command.PayoutId);
        var listing = await _service.ListingAsync(command.PayoutId);

        Assert.Multiple(() =>
        {
            Assert.That((listed.CorrelationId, listed.Run, listed.Pages), Is.EqualTo((command.CorrelationId, 1, 3)), "six transactions, pages of two");
            Assert.That((listed.Flags, listed.FlagCount), Is.EqualTo((Array.Empty<PayoutFlagItem>(), 0)));
            Assert.That(command.AmountMinor, Is.EqualTo(9_859));
            Assert.That((listed.Totals.Count, listed.Totals.NetMinor, listed.Totals.OwnTransactionAmountMinor), Is.EqualTo((5, 9_859L, (long?)-9_859)));
            Assert.That(listed.Totals.Gross.Select(g => (g.Category, g.Type, g.Currency, g.SettlementMinor, g.Count)), Is.EquivalentTo(new[]
            {
                ("charge", "charge", "USD", 19_000L, 3), ("refund", "refund", "USD", -3_000L, 1), ("dispute_withdrawal", "adjustment", "USD", -4_000L, 1),
            }));
            Assert.That(listed.Totals.Fees, Is.EquivalentTo(new Dictionary<string, long> { ["stripe_fee"] = 320 + 175 + 146, ["dispute_fee"] = 1_500 }));

            Assert.That(lines, Has.Count.EqualTo(6));
            Assert.That(lines.Where(l => l.Category != "payout").Sum(l => l.NetMinor), Is.EqualTo(command.AmountMinor), "the nets are the payout");
            Assert.That(lines.Select(l => (l.ChargeId, l.Category, l.P21OrderNo, l.ZnodeOrderNumber)), Is.EquivalentTo(new (string?, string, string?, string?)[]
            {
                (a, "charge", "SO-1", null), (b, "charge", null, "MA-5"), (c, "charge", "SO-3", null), (a, "refund", "SO-1", null),
                (c, "dispute_withdrawal", "SO-3", null), (null, "payout", null, null),
            }));
            var disputed = lines.Single(l => l.Category == "dispute_withdrawal");
            Assert.That((disputed.Type, disputed.ReportingCategory, disputed.AmountMinor, disputed.FeeMinor, disputed.NetMinor, disputed.Fees),
                Is.EqualTo(("adjustment", "dispute", -4_000L, 1_500L, -5_500L, "dispute_fee=1500")));
            Assert.That(lines.Single(l => l.SourceId == refund).AmountMinor, Is.EqualTo(-3_000));
            Assert.That(lines.Single(l => l.SourceId == a).Fees, Is.EqualTo("stripe_fee=320"));
            Assert.That(lines.Select(l => (l.Currency, l.Run, l.OriginalCurrency, l.ExchangeRate)).Distinct(), Is.EqualTo(new[] { ("USD", 1, (string?)null, (decimal?)null) }));
            Assert.That(lines.All(l => l.Created.Kind == DateTimeKind.Utc && l.Created > DateTime.UtcNow.AddMinutes(-5)), Is.True);
            Assert.That((listing!.Run, listing.Pages, listing.Complete, listing.Cursor), Is.EqualTo((1, 3, true, (string?)listed.Totals.LastTransactionId)));
            Assert.That(_service.ListCalls(), Is.EqualTo(3));
        });
    }

    [Test]
    public async Task Should_resume_a_redelivered_run_from_its_cursor_without_counting_a_page_twice()
    {
        await StartAsync(pageSize: 2);
        SellRefundAndGetDisputed();
        var command = PayoutListingSpec.Command(Stripe.RunPayouts("usd").Single());

        // The first delivery dies after its first page: the page and the cursor are kept, nothing is answered.
        var interrupted = await _service.ListDirectlyAsync(command, maxPages: 1);
        var kept = await _service.LinesAsync(command.PayoutId);
        var listing = await _service.ListingAsync(command.PayoutId);
        var listed = await _service.ListAsync(command);
        var lines = await _service.LinesAsync(command.PayoutId);

        Assert.Multiple(() =>
        {
            Assert.That((interrupted!.Complete, interrupted.Pages, kept.Count), Is.EqualTo((false, 1, 2)));
            Assert.That((listing!.Pages, listing.Complete, listing.Cursor), Is.EqualTo((1, false, interrupted.State.LastTransactionId)));
            Assert.That(kept.Select(l => l.BalanceTransactionId), Does.Contain(listing.Cursor), "the cursor is the last transaction kept");
            Assert.That(_service.ListCalls(), Is.EqualTo(3), "page 1 once, then pages 2 and 3");
            Assert.That((listed.Pages, listed.Totals.Count, listed.Totals.NetMinor), Is.EqualTo((3, 5, command.AmountMinor)), "nothing counted twice");
            Assert.That(listed.Flags, Is.Empty);
            Assert.That(lines.Select(l => l.BalanceTransactionId).ToList(), Is.Unique.And.Count.EqualTo(6));
        });
    }

    [Test]
    public async Task Should_start_over_on_a_higher_run_without_duplicating_rows_and_ignore_a_stale_run()
    {
        await StartAsync(pageSize: 2);
        SellRefundAndGetDisputed();
        var payout = Stripe.RunPayouts("usd").Single();
        var first = await _service.ListAsync(PayoutListingSpec.Command(payout, run: 1));

        var second = await _service.ListAsync(PayoutListingSpec.Command(payout, run: 2));
        var stale = await _service.ListDirectlyAsync(PayoutListingSpec.Command(payout, run: 1));
        var lines = await _service.LinesAsync((string)payout["id"]!);

        Assert.Multiple(() =>
        {
            Assert.That(_service.ListCalls(), Is.EqualTo(6), "run 2 read every page again");
            Assert.That((second.Run, second.Pages, second.Totals), Is.EqualTo((2, 3, second.Totals)));
            Assert.That((second.Totals.Count, second.Totals.NetMinor, second.Totals.Fees["stripe_fee"]), Is.EqualTo((first.Totals.Count, first.Totals.NetMinor, first.Totals.Fees["stripe_fee"])));
            Assert.That(lines, Has.Count.EqualTo(6), "upserted, not duplicated");
            Assert.That(lines.Select(l => l.Run).Distinct(), Is.EqualTo(new[] { 2 }));
            Assert.That(stale, Is.Null, "run 1 is stale once run 2 has begun");
        });
    }

    [Test]
    public async Task Should_flag_a_charge_without_an_order_until_a_rerun_finds_it()
    {
        await StartAsync(pageSize: 2);
        var known = Stripe.AddCharge(new ChargeSpec { Amount = 8_000, Metadata = Order("SO-8") });
        var unknown = Stripe.AddCharge(new ChargeSpec { Amount = 6_000 });
        Stripe.CreateRefund(unknown, null, 1_000);
        var payout = Stripe.RunPayouts("usd").Single();

        var flagged = await _service.ListAsync(PayoutListingSpec.Command(payout, run: 1));
        var before = await _service.LinesAsync((string)payout["id"]!);
        Stripe.UpdateCharge(unknown, MetadataUpdate.Set(Order("SO-9")));
        var cleared = await _service.ListAsync(PayoutListingSpec.Command(payout, run: 2));
        var after = await _service.LinesAsync((string)payout["id"]!);

        Assert.Multiple(() =>
        {
            Assert.That(flagged.FlagCount, Is.EqualTo(1), "one flag for the charge, its refund included");
            Assert.That(flagged.Flags.Select(f => (f.Kind, f.ChargeId)), Is.EqualTo(new[] { ("UnknownOrder", (string?)unknown) }));
            Assert.That(flagged.Flags[0].Reason, Does.Contain(unknown).And.Contain("has no known order"));
            Assert.That(before.Where(l => l.ChargeId == unknown).Select(l => l.P21OrderNo), Is.EqualTo(new string?[] { null, null }));
            Assert.That(before.Single(l => l.ChargeId == known).P21OrderNo, Is.EqualTo("SO-8"));
            Assert.That((cleared.Flags, cleared.FlagCount), Is.EqualTo((Array.Empty<PayoutFlagItem>(), 0)));
            Assert.That(after.Where(l => l.ChargeId == unknown).Select(l => (l.P21OrderNo, l.Run)), Is.EqualTo(new[] { ((string?)"SO-9", 2), ("SO-9", 2) }));
            Assert.That(cleared.Totals.NetMinor, Is.EqualTo(flagged.Totals.NetMinor));
        });
    }

    [Test]
    public async Task Should_carry_a_hundred_flags_and_count_the_rest()
    {
        await StartAsync(pageSize: 100);
        Stripe.AddCharges(PayoutFlagItem.MaxCarried + 5, 1_000);
        var payout = Stripe.RunPayouts("usd").Single();

        var listed = await _service.ListAsync(PayoutListingSpec.Command(payout));
        var lines = await _service.LinesAsync((string)payout["id"]!);

        Assert.Multiple(() =>
        {
            Assert.That((listed.FlagCount, listed.Flags.Count), Is.EqualTo((PayoutFlagItem.MaxCarried + 5, PayoutFlagItem.MaxCarried)));
            Assert.That(lines.Count(l => l.ChargeId is not null && l.P21OrderNo is null && l.ZnodeOrderNumber is null), Is.EqualTo(PayoutFlagItem.MaxCarried + 5),
                "every charge without an order is in the rows");
        });
    }

    [Test]
    public async Task Should_answer_a_manual_payout_with_its_flag_without_listing_it()
    {
        await StartAsync();
        Stripe.AddCharge(new ChargeSpec { Amount = 5_000, Metadata = Order("SO-1") });
        var payout = Stripe.CreatePayout(1_000, "usd");

        var listed = await _service.ListAsync(PayoutListingSpec.Command(payout));

        Assert.Multiple(async () =>
        {
            Assert.That(listed.Flags.Select(f => f.Kind), Is.EqualTo(new[] { "ManualPayout" }));
            Assert.That(listed.Flags[0].Reason, Does.Contain("is manual"));
            Assert.That((listed.Pages, listed.Totals.Count), Is.EqualTo((0, 0)));
            Assert.That(_service.ListCalls(), Is.Zero, "Stripe refuses the payout filter for a manual payout");
            Assert.That(await _service.LinesAsync((string)payout["id"]!), Is.Empty);
            Assert.That((await _service.ListingAsync((string)payout["id"]!))!.Complete, Is.True);
        });
    }

    [Test]
    public async Task Should_flag_a_payout_off_by_a_cent()
    {
        await StartAsync();
        Stripe.AddCharge(new ChargeSpec { Amount = 5_000, Metadata = Order("SO-1") });
        var payout = Stripe.RunPayouts("usd", amountSkewMinor: 1).Single();

        var listed = await _service.ListAsync(PayoutListingSpec.Command(payout));

        Assert.Multiple(() =>
        {
            Assert.That(listed.Flags.Select(f => f.Kind), Is.EqualTo(new[] { "NetMismatch" }));
            Assert.That(listed.Flags[0].Reason, Does.Contain("sum to 48.25 USD").And.Contain("is 48.26 USD").And.Contain("0.01 USD short"));
            Assert.That(listed.Totals.NetMinor, Is.EqualTo((long)payout["amount"]! - 1), "never forced to balance");
        });
    }

    [Test]
    public async Task Should_record_the_original_currency_amount_and_rate_of_a_charge_settled_in_dollars()
    {
        await StartAsync();
        var euros = Stripe.AddCharge(new ChargeSpec { Amount = 1_000, Currency = "eur", Metadata = Order("SO-E") });
        var dollars = Stripe.AddCharge(new ChargeSpec { Amount = 2_000, Metadata = Order("SO-U") });
        Stripe.CreateRefund(euros, null, 400);
        var payout = Stripe.RunPayouts("usd").Single();

        var listed = await _service.ListAsync(PayoutListingSpec.Command(payout));
        var lines = await _service.LinesAsync((string)payout["id"]!);

        Assert.Multiple(() =>
        {
            Assert.That(listed.Flags, Is.Empty);
            Assert.That(lines.Where(l => l.ChargeId == euros).Select(l => (l.Category, l.Currency, l.AmountMinor, l.OriginalCurrency, l.OriginalAmountMinor, l.ExchangeRate)),
                Is.EquivalentTo(new[] { ("charge", "USD", 1_080L, (string?)"EUR", (long?)1_000, (decimal?)1.08m), ("refund", "USD", -432L, "EUR", -400, 1.08m) }));
            Assert.That(lines.Single(l => l.ChargeId == dollars).OriginalCurrency, Is.Null);
            Assert.That(listed.Totals.Gross.Select(g => (g.Category, g.Currency, g.SettlementMinor, g.OriginalMinor, g.ConvertedCount, g.MinRate, g.MaxRate)),
                Is.EquivalentTo(new[]
                {
                    ("charge", "EUR", 1_080L, 1_000L, 1, (decimal?)1.08m, (decimal?)1.08m), ("refund", "EUR", -432L, -400L, 1, 1.08m, 1.08m),
                    ("charge", "USD", 2_000L, 0L, 0, null, null),
                }));
            Assert.That(listed.Totals.NetMinor, Is.EqualTo(listed.Totals.Gross.Sum(g => g.SettlementMinor) - listed.Totals.Fees.Values.Sum()));
            Assert.That(listed.Totals.NetMinor, Is.EqualTo((long)payout["amount"]!));
        });
    }

    [Test]
    public async Task Should_list_a_yen_payout_in_whole_yen()
    {
        await StartAsync(fake: new StripeApiFakeOptions { SeedFixtureCharge = false, SettlementCurrencies = ["jpy"] });
        var sale = Stripe.AddCharge(new ChargeSpec { Amount = 10_000, Currency = "jpy", Metadata = Order("SO-J") });
        Stripe.CreateRefund(sale, null, 2_000);
        var payout = Stripe.RunPayouts("jpy").Single();
        var command = PayoutListingSpec.Command(payout);

        var listed = await _service.ListAsync(command);
        var lines = await _service.LinesAsync(command.PayoutId);

        Assert.Multiple(() =>
        {
            Assert.That((command.Currency, command.AmountMinor), Is.EqualTo(("JPY", 10_000L - 320 - 2_000)), "2.9 % of 10,000 yen + 30 yen");
            Assert.That(listed.Flags, Is.Empty);
            Assert.That((listed.Totals.NetMinor, listed.Totals.Fees["stripe_fee"]), Is.EqualTo((command.AmountMinor, 320L)));
            Assert.That(listed.Totals.Gross.Select(g => (g.Category, g.Currency, g.SettlementMinor)), Is.EquivalentTo(new[] { ("charge", "JPY", 10_000L), ("refund", "JPY", -2_000L) }));
            Assert.That(lines.Select(l => l.Currency).Distinct(), Is.EqualTo(new[] { "JPY" }));
        });
    }

    /// <summary>
    /// While the second page is on its way (the fake holds that request back for five seconds), the first page and the cursor are
    /// already committed where another connection sees them: no transaction spans the pages. On SQLite the outbox's transaction holds
    /// the one write lock for the whole consume, so the pages join it instead and nobody sees them before the answer
    /// (src/Payments.StripeService/README.md).
    /// </summary>
    [Test]
    public async Task Should_commit_each_page_before_reading_the_next()
    {
        await StartAsync(pageSize: 2);
        SellRefundAndGetDisputed();
        var command = PayoutListingSpec.Command(Stripe.RunPayouts("usd").Single());
        _service.Stripe.Faults.FailNext("balance_transactions.list", Fault.Slow(TimeSpan.FromSeconds(5)), after: 1);

        await _service.Harness.Bus.Publish(command);
        // The rule leaves the list once it has struck: the second page's request is then being held back.
        for (var attempt = 0; attempt < 1_500 && _service.Stripe.Faults.Rules.Count > 0; attempt++) await Task.Delay(20);
        var linesMeanwhile = await _service.LinesAsync(command.PayoutId);
        var listingMeanwhile = await _service.ListingAsync(command.PayoutId);
        var listed = await _service.AnsweredAsync(command);

        Assert.Multiple(() =>
        {
            if (provider == DatabaseProvider.Sqlite)
            {
                Assert.That(linesMeanwhile, Is.Empty, "SQLite: the pages are in the outbox's transaction");
                Assert.That(listingMeanwhile, Is.Null);
            }
            else
            {
                Assert.That(linesMeanwhile, Has.Count.EqualTo(2), "page 1 committed before page 2 was read");
                Assert.That((listingMeanwhile!.Pages, listingMeanwhile.Complete), Is.EqualTo((1, false)), "the cursor of page 1, the listing not done");
            }
            Assert.That(listed.Pages, Is.EqualTo(3));
        });
    }
}
