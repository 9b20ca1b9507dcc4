using System.Globalization;
using Payments.P21Service.Journals;
using Payments.ServiceDefaults.Failures;
using Payments.Simulators.P21.Faults;
using Payments.Simulators.P21.Store;
using static Payments.P21Service.Tests.PayoutReconciliation.PayoutCommands;

namespace Payments.P21Service.Tests.PayoutReconciliation;

/// <summary><see cref="PayoutJournals.PostAsync"/> against the P21 simulator's general ledger: one balanced journal per payout, in the period of its arrival day, once.</summary>
[TestFixture]
public class When_posting_a_payout_journal
{
    P21Harness _p21 = null!;

    /// <summary>Midnight UTC, Stripe's arrival date: still the 31st of March in Chicago, so the journal belongs to March.</summary>
    static readonly DateTimeOffset ArrivalDate = new(2026, 4, 1, 0, 0, 0, TimeSpan.Zero);

    [TearDown]
    public async Task Stop() => await _p21.DisposeAsync();

    Task<P21Harness> StartAsync(Action<IDictionary<string, string?>>? settings = null, string[]? closedPeriods = null) =>
        P21Harness.StartAsync(
            simulator: o => o.ClosedPeriods = closedPeriods ?? [],
            settings: s =>
            {
                s["P21:ErpTimeZone"] = "America/Chicago";
                settings?.Invoke(s);
            });

    IReadOnlyList<P21GlLineRecord> Entry(string journalNumber) => _p21.Simulator.Store.Ledger.Entry(long.Parse(journalNumber, CultureInfo.InvariantCulture));

    int GlPosts => _p21.Simulator.Requests.Count(r => r.Route == P21Route.Gl && r.Method == "POST");

    /// <summary>Two sales (one with an application fee), a partial refund, a dispute with its fee, and the payout's own transaction: 55.05 to the bank.</summary>
    static Contracts.PayoutReconciliation.PostPayoutJournal SalesRefundAndDispute(string payoutId = "po_usd") => Post(payoutId, 5_505, "usd", ArrivalDate,
        Charge("txn_c1", 10_000, 290, "ch_1", applicationFee: 30),
        Charge("txn_c2", 5_000, 175, "ch_2"),
        Refund("txn_r1", 2_500, "ch_1"),
        DisputeWithdrawal("txn_d1", 5_000, 1_500, "ch_2"),
        PayoutItself(payoutId, 5_505));

    [Test]
    public async Task Should_post_sales_refunds_disputes_each_fee_and_the_net_to_the_bank_in_the_period_of_the_arrival_day()
    {
        _p21 = await StartAsync();

        var posted = await _p21.Get<PayoutJournals>().PostAsync(SalesRefundAndDispute(), CancellationToken.None);

        var entry = Entry(posted.JournalNumber);
        const string Text = "Stripe payout po_usd: ";
        Assert.Multiple(() =>
        {
            Assert.That(entry.Select(l => (l.AccountNumber, l.Amount, l.Description)).ToList(), Is.EqualTo(new[]
            {
                (P21Seed.StripeClearingAccount, -150.00m, Text + "Stripe charge USD"),
                (P21Seed.StripeClearingAccount, 25.00m, Text + "Stripe refund USD"),
                (P21Seed.StripeClearingAccount, 50.00m, Text + "Stripe dispute_withdrawal USD"),
                (P21Seed.StripeOtherFeesAccount, 0.30m, Text + "Stripe fee application_fee"),
                (P21Seed.StripeClearingAccount, 15.00m, Text + "Stripe fee dispute_fee"),
                (P21Seed.StripeFeesAccount, 4.65m, Text + "Stripe fee stripe_fee"),
                (P21Seed.PayoutBankClearingAccount, 55.05m, Text + "Payout po_usd net"),
            }));
            Assert.That(entry.Sum(l => l.Amount), Is.Zero);
            Assert.That(entry.Select(l => (l.Source, l.Period, l.YearForPeriod, l.TransactionDate)).Distinct(),
                Is.EqualTo(new[] { ("payout:po_usd", 3, 2026, new DateTime(2026, 3, 31, 19, 0, 0)) }), "the arrival day in Chicago: March 31");
            Assert.That((posted.Period, posted.AlreadyExisted, posted.PayoutId), Is.EqualTo(("2026-03", false, "po_usd")));
            Assert.That(posted.Lines.Select(l => (l.Account, l.Amount, l.Description)), Is.EqualTo(new[]
            {
                (P21Seed.StripeClearingAccount, -150.00m, "Stripe charge USD"), (P21Seed.StripeClearingAccount, 25.00m, "Stripe refund USD"),
                (P21Seed.StripeClearingAccount, 50.00m, "Stripe dispute_withdrawal USD"), (P21Seed.StripeOtherFeesAccount, 0.30m, "Stripe fee application_fee"),
                (P21Seed.StripeClearingAccount, 15.00m, "Stripe fee dispute_fee"),
                (P21Seed.StripeFeesAccount, 4.65m, "Stripe fee stripe_fee"), (P21Seed.PayoutBankClearingAccount, 55.05m, "Payout po_usd net"),
            }));
            Assert.That(posted.Conversions, Is.Empty);
            Assert.That(posted.Fingerprint, Has.Length.EqualTo(64));
        });
    }

    [Test]
    public async Task Should_answer_the_same_command_again_with_the_journal_already_posted()
    {
        _p21 = await StartAsync();
        var journals = _p21.Get<PayoutJournals>();

        var first = await journals.PostAsync(SalesRefundAndDispute(), CancellationToken.None);
        var again = await journals.PostAsync(SalesRefundAndDispute(), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That((again.AlreadyExisted, again.JournalNumber, again.Fingerprint, again.Period), Is.EqualTo((true, first.JournalNumber, first.Fingerprint, first.Period)));
            Assert.That(again.Lines, Is.EqualTo(first.Lines));
            Assert.That(GlPosts, Is.EqualTo(1));
            Assert.That(_p21.Simulator.Store.Ledger.Lines.Select(l => l.TransactionNumber).Distinct().Count(), Is.EqualTo(1), "P21 holds one journal");
        });
    }

    [Test]
    public async Task Should_refuse_a_replay_whose_journal_in_P21_differs_from_the_one_its_totals_make_now()
    {
        _p21 = await StartAsync();
        await _p21.Get<PayoutJournals>().PostAsync(SalesRefundAndDispute(), CancellationToken.None);
        // The same service with Stripe's fee moved to another account since the journal was posted.
        await using var changed = await P21Harness.StartOnAsync(_p21.Simulator, s =>
        {
            s["P21:ErpTimeZone"] = "America/Chicago";
            s[$"P21:Payouts:Accounts:{PayoutAccountRules.IndexOf("fee", "stripe_fee")}:Account"] = P21Seed.StripeOtherFeesAccount;
        });

        var refused = Assert.ThrowsAsync<PermanentFailureException>(() => changed.Get<PayoutJournals>().PostAsync(SalesRefundAndDispute(), CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(refused!.Message, Does.Contain("already carries payout po_usd's reference").And.Contain("differ").And.Contain("Nothing was posted"));
            Assert.That(GlPosts, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Should_book_a_payout_of_charges_in_another_currency_at_their_settlement_amounts_and_record_the_rates()
    {
        _p21 = await StartAsync();
        // Two euro sales settled in dollars at 1.085 and 1.09, and a dollar sale.
        var command = Post("po_fx", 17_679, "usd", ArrivalDate,
            ConvertedCharge("txn_e1", 10_000, "EUR", 1.085m, 345, "ch_e1"),
            ConvertedCharge("txn_e2", 5_000, "EUR", 1.09m, 188, "ch_e2"),
            Charge("txn_u", 2_000, 88, "ch_u"));

        var posted = await _p21.Get<PayoutJournals>().PostAsync(command, CancellationToken.None);

        var entry = Entry(posted.JournalNumber);
        Assert.Multiple(() =>
        {
            Assert.That(entry.Select(l => (l.AccountNumber, l.Amount, l.ForeignAmount, l.Description)).ToList(), Is.EqualTo(new[]
            {
                (P21Seed.StripeClearingAccount, -20.00m, -20.00m, "Stripe payout po_fx: Stripe charge USD"),
                (P21Seed.StripeClearingAccount, -163.00m, -163.00m, "Stripe payout po_fx: Stripe charge EUR at 1.085-1.09 (EUR -150.00)"),
                (P21Seed.StripeFeesAccount, 6.21m, 6.21m, "Stripe payout po_fx: Stripe fee stripe_fee"),
                (P21Seed.PayoutBankClearingAccount, 176.79m, 176.79m, "Stripe payout po_fx: Payout po_fx net"),
            }));
            Assert.That(posted.Lines.Select(l => (l.Amount, l.ForeignAmount, l.ForeignCurrency)), Is.EqualTo(new (decimal, decimal?, string?)[]
            {
                (-20.00m, null, null), (-163.00m, -150.00m, "EUR"), (6.21m, null, null), (176.79m, null, null),
            }));
            var conversion = posted.Conversions.Single();
            Assert.That((conversion.OriginalCurrency, conversion.OriginalAmount, conversion.SettlementAmount, conversion.EffectiveRate),
                Is.EqualTo(("EUR", 150.00m, 163.00m, (decimal?)1.086667m)));
            Assert.That((conversion.MinRate, conversion.MaxRate, conversion.Count), Is.EqualTo((1.085m, 1.09m, 2)));
        });
    }

    [Test]
    public async Task Should_post_a_yen_payout_in_whole_yen_to_a_yen_ledger()
    {
        _p21 = await StartAsync(s => s["P21:Journals:LedgerCurrency"] = "JPY");
        var command = Post("po_jpy", 7_640, "jpy", ArrivalDate,
            Charge("txn_j1", 10_000, 360, "ch_j1", "jpy"),
            Refund("txn_j2", 2_000, "ch_j1", "jpy"));

        var posted = await _p21.Get<PayoutJournals>().PostAsync(command, CancellationToken.None);

        Assert.That(Entry(posted.JournalNumber).Select(l => (l.AccountNumber, l.Amount)), Is.EqualTo(new[]
        {
            (P21Seed.StripeClearingAccount, -10_000m), (P21Seed.StripeClearingAccount, 2_000m), (P21Seed.StripeFeesAccount, 360m), (P21Seed.PayoutBankClearingAccount, 7_640m),
        }));
    }

    [Test]
    public async Task Should_refuse_a_payout_in_another_currency_than_the_ledgers_before_touching_P21()
    {
        _p21 = await StartAsync();
        var command = Post("po_eur", 9_680, "eur", ArrivalDate, Charge("txn_c", 10_000, 320, "ch_c", "eur"));

        var refused = Assert.ThrowsAsync<PermanentFailureException>(() => _p21.Get<PayoutJournals>().PostAsync(command, CancellationToken.None));

        Assert.That(refused!.Message, Does.Contain("Payout po_eur is in EUR").And.Contain("P21:Journals:LedgerCurrency"));
        Assert.That(_p21.Simulator.Requests.Count(r => r.Route == P21Route.Gl), Is.Zero);
    }

    [Test]
    public async Task Should_refuse_a_payout_no_account_rule_covers_naming_the_key_and_post_nothing()
    {
        _p21 = await StartAsync();
        // An adjustment, for which the configured rules have no account.
        var command = Post("po_adj", 9_665, "usd", ArrivalDate, Charge("txn_c", 10_000, 320, "ch_c"), Adjustment("txn_a", -15));

        var refused = Assert.ThrowsAsync<PermanentFailureException>(() => _p21.Get<PayoutJournals>().PostAsync(command, CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(refused!.Message, Does.Contain("No GL account for adjustment 'adjustment' in USD").And.Contain("P21:Payouts:Accounts"));
            Assert.That(_p21.Simulator.Requests.Count(r => r.Route == P21Route.Gl), Is.Zero);
            Assert.That(_p21.Simulator.Store.Ledger.Lines, Is.Empty);
        });
    }

    [Test]
    public async Task Should_refuse_totals_that_do_not_make_the_payout_and_post_nothing()
    {
        _p21 = await StartAsync();
        // The nets make 96.80; the payout says 96.81.
        var command = Post("po_off", 9_681, "usd", ArrivalDate, Charge("txn_c", 10_000, 320, "ch_c"));

        var refused = Assert.ThrowsAsync<PermanentFailureException>(() => _p21.Get<PayoutJournals>().PostAsync(command, CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(refused!.Message, Does.StartWith("Payout po_off is not posted").And.Contain("96.80 USD").And.Contain("0.01 USD short"));
            Assert.That(_p21.Simulator.Store.Ledger.Lines, Is.Empty);
            Assert.That(GlPosts, Is.Zero);
        });
    }

    [Test]
    public async Task Should_refuse_a_closed_period_in_P21s_words()
    {
        _p21 = await StartAsync(closedPeriods: ["2026-03"]);

        var refused = Assert.ThrowsAsync<PermanentFailureException>(() => _p21.Get<PayoutJournals>().PostAsync(SalesRefundAndDispute(), CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That((refused!.System, refused.Message), Is.EqualTo(("P21", "P21 refused the journal of payout po_usd: Period 3 of 2026 is closed.")));
            Assert.That(_p21.Simulator.Store.Ledger.Lines, Is.Empty);
        });
    }
}
