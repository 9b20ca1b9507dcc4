using System.Globalization;
using Payments.Contracts.Shared;
using Payments.Contracts.StripeDispute;
using Payments.P21Service.Disputes;
using Payments.ServiceDefaults.Failures;
using Payments.Simulators.P21.Faults;
using Payments.Simulators.P21.Store;

namespace Payments.P21Service.Tests.Disputes;

/// <summary><see cref="DisputeJournalPoster"/> against the P21 simulator's general ledger: one balanced entry per balance transaction, once.</summary>
[TestFixture]
public class When_booking_a_disputes_balance_transactions
{
    P21Harness _p21 = null!;

    [TearDown]
    public async Task Stop() => await _p21.DisposeAsync();

    static PostDisputeJournal Command(string balanceTransactionId, string kind, long amountMinor, long feeMinor, string currency = "USD") => new()
    {
        CorrelationId = CorrelationKey.StripeDispute("du_1").ToGuid(), DisputeId = "du_1", ChargeId = "ch_1", BalanceTransactionId = balanceTransactionId,
        Kind = kind, AmountMinor = amountMinor, FeeMinor = feeMinor, Currency = currency, P21OrderNo = "1013939",
        OccurredAt = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero),
    };

    IEnumerable<(string, decimal)> Entry(string transactionNumber) =>
        _p21.Simulator.Store.Ledger.Entry(long.Parse(transactionNumber, CultureInfo.InvariantCulture)).Select(l => (l.AccountNumber, l.Amount));

    [Test]
    public async Task Should_book_the_withdrawal_and_fee_and_the_opposite_on_reinstatement()
    {
        _p21 = await P21Harness.StartAsync();
        var poster = _p21.Get<DisputeJournalPoster>();

        var withdrawn = await poster.PostAsync(Command("txn_w", "Withdrawal", -10_000, 1_500), CancellationToken.None);
        var reinstated = await poster.PostAsync(Command("txn_r", "Reinstatement", 10_000, -1_500), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(Entry(withdrawn.JournalReference), Is.EqualTo(new[]
            {
                (P21Seed.DisputedFundsAccount, 100.00m), (P21Seed.DisputeFeesAccount, 15.00m), (P21Seed.StripeClearingAccount, -115.00m),
            }));
            Assert.That(Entry(reinstated.JournalReference), Is.EqualTo(new[]
            {
                (P21Seed.DisputedFundsAccount, -100.00m), (P21Seed.DisputeFeesAccount, -15.00m), (P21Seed.StripeClearingAccount, 115.00m),
            }));
            Assert.That((withdrawn.Kind, withdrawn.BalanceTransactionId, withdrawn.DisputeId), Is.EqualTo(("Withdrawal", "txn_w", "du_1")));
            Assert.That(_p21.Simulator.Store.Ledger.Lines.Where(l => l.TransactionNumber.ToString(CultureInfo.InvariantCulture) == withdrawn.JournalReference)
                .Select(l => l.Source), Is.All.EqualTo("dispute:txn_w"));
        });
    }

    [Test]
    public async Task Should_find_the_entry_of_a_balance_transaction_already_booked()
    {
        _p21 = await P21Harness.StartAsync();
        var poster = _p21.Get<DisputeJournalPoster>();

        var first = await poster.PostAsync(Command("txn_once", "Withdrawal", -2_000, 1_500), CancellationToken.None);
        var again = await poster.PostAsync(Command("txn_once", "Withdrawal", -2_000, 1_500), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(again.JournalReference, Is.EqualTo(first.JournalReference));
            Assert.That(_p21.Simulator.Requests.Count(r => r.Route == P21Route.Gl && r.Method == "POST"), Is.EqualTo(1));
        });
    }

    [TestCase("JPY", -5_000L, 2_000L, 5000, 2000)]
    [TestCase("KWD", -12_345L, 1_500L, 12.345, 1.5)]
    public async Task Should_convert_amounts_by_the_currencys_exponent(string currency, long amountMinor, long feeMinor, decimal amount, decimal fee)
    {
        _p21 = await P21Harness.StartAsync(settings: s => s["P21:Journals:LedgerCurrency"] = currency);

        var posted = await _p21.Get<DisputeJournalPoster>().PostAsync(Command("txn_" + currency, "Withdrawal", amountMinor, feeMinor, currency), CancellationToken.None);

        Assert.That(Entry(posted.JournalReference), Is.EqualTo(new[]
        {
            (P21Seed.DisputedFundsAccount, amount), (P21Seed.DisputeFeesAccount, fee), (P21Seed.StripeClearingAccount, -(amount + fee)),
        }));
    }

    [Test]
    public async Task Should_refuse_another_currency_than_the_ledgers_and_a_sign_that_contradicts_the_kind()
    {
        _p21 = await P21Harness.StartAsync();
        var poster = _p21.Get<DisputeJournalPoster>();

        var currency = Assert.ThrowsAsync<PermanentFailureException>(() => poster.PostAsync(Command("txn_eur", "Withdrawal", -1_000, 1_500, "EUR"), CancellationToken.None));
        var sign = Assert.ThrowsAsync<PermanentFailureException>(() => poster.PostAsync(Command("txn_sign", "Withdrawal", 1_000, 1_500), CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(currency!.Message, Does.Contain("EUR").And.Contain("USD"));
            Assert.That(sign!.Message, Does.Contain("a withdrawal is negative"));
            Assert.That(_p21.Simulator.Store.Ledger.Lines, Is.Empty);
        });
    }
}
