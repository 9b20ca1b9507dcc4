using System.Globalization;
using Payments.P21Service.Journals;
using Payments.ServiceDefaults.Failures;
using Payments.Simulators.P21.Faults;
using Payments.Simulators.P21.Store;
using static Payments.P21Service.Tests.PayoutReconciliation.PayoutCommands;

namespace Payments.P21Service.Tests.PayoutReconciliation;

/// <summary><see cref="PayoutJournals.ReverseAsync"/>: a failed payout's journal is met by its opposite, dated the failure day, once.</summary>
[TestFixture]
public class When_reversing_a_payout_journal
{
    P21Harness _p21 = null!;

    static readonly DateTimeOffset ArrivalDate = new(2026, 4, 1, 0, 0, 0, TimeSpan.Zero);
    static readonly DateTimeOffset FailedAt = new(2026, 4, 3, 15, 0, 0, TimeSpan.Zero);

    [SetUp]
    public async Task Start() => _p21 = await P21Harness.StartAsync(settings: s => s["P21:ErpTimeZone"] = "America/Chicago");

    [TearDown]
    public async Task Stop() => await _p21.DisposeAsync();

    IReadOnlyList<P21GlLineRecord> Entry(string journalNumber) => _p21.Simulator.Store.Ledger.Entry(long.Parse(journalNumber, CultureInfo.InvariantCulture));

    int GlPosts => _p21.Simulator.Requests.Count(r => r.Route == P21Route.Gl && r.Method == "POST");

    [Test]
    public async Task Should_post_the_opposite_journal_once_dated_the_failure_day()
    {
        var journals = _p21.Get<PayoutJournals>();
        var command = Post("po_failed", 7_150, "usd", ArrivalDate,
            Charge("txn_c1", 10_000, 320, "ch_1", applicationFee: 30), Refund("txn_r1", 2_500, "ch_1"), PayoutItself("po_failed", 7_150));
        var posted = await journals.PostAsync(command, CancellationToken.None);

        var reversed = await journals.ReverseAsync(Reverse(command, posted.JournalNumber, FailedAt), CancellationToken.None);
        var again = await journals.ReverseAsync(Reverse(command, posted.JournalNumber, FailedAt), CancellationToken.None);

        var original = Entry(posted.JournalNumber);
        var opposite = Entry(reversed.ReversalJournalNumber);
        Assert.Multiple(() =>
        {
            Assert.That(reversed.ReversalJournalNumber, Is.Not.EqualTo(posted.JournalNumber));
            Assert.That(opposite.Select(l => (l.AccountNumber, l.Amount)), Is.EqualTo(original.Select(l => (l.AccountNumber, -l.Amount))));
            Assert.That(opposite.Select(l => (l.Source, l.Period, l.YearForPeriod, l.TransactionDate, l.Description)).Distinct(), Is.EqualTo(new[]
            {
                ("payout-reversal:po_failed", 4, 2026, new DateTime(2026, 4, 3, 10, 0, 0), $"Reversal of {posted.JournalNumber}: Stripe payout po_failed failed (account_closed)"),
            }));
            Assert.That((reversed.AlreadyExisted, reversed.PayoutId, reversed.CorrelationId), Is.EqualTo((false, "po_failed", command.CorrelationId)));
            Assert.That((again.AlreadyExisted, again.ReversalJournalNumber), Is.EqualTo((true, reversed.ReversalJournalNumber)));
            Assert.That(GlPosts, Is.EqualTo(2), "the journal and one reversal");
        });
    }

    [Test]
    public async Task Should_refuse_to_reverse_a_journal_P21_does_not_hold()
    {
        var command = Post("po_ghost", 9_680, "usd", ArrivalDate, Charge("txn_c", 10_000, 320, "ch_c"));

        var refused = Assert.ThrowsAsync<PermanentFailureException>(() =>
            _p21.Get<PayoutJournals>().ReverseAsync(Reverse(command, "990001", FailedAt), CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(refused!.Message, Is.EqualTo("Payout po_ghost: P21 journal 990001 does not exist, so there is nothing to reverse."));
            Assert.That(GlPosts, Is.Zero);
        });
    }
}
