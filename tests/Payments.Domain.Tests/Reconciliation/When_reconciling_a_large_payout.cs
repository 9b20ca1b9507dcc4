using System.Runtime.CompilerServices;
using Payments.Domain.Reconciliation;
using static Payments.Domain.Tests.Reconciliation.BalanceTransactions;

namespace Payments.Domain.Tests.Reconciliation;

public class When_reconciling_a_large_payout
{
    const int PageSize = 100;
    const int Transactions = 10_000;

    /// <summary>What the generated pages add up to, tallied by hand as they are made (not by the code under test).</summary>
    sealed class Tally
    {
        public long Charges, Refunds, Disputes, StripeFees, DisputeFees, ApplicationFees, FxFees, Net;
    }

    /// <summary>One page of a payout: mostly sales of random amounts, some with an application fee, refunds, disputes, FX fees.</summary>
    static List<BalanceTransaction> Page(int number, Random random, Tally tally)
    {
        var page = new List<BalanceTransaction>(PageSize);
        for (var i = 0; i < PageSize; i++)
        {
            var id = $"txn_{number:D3}_{i:D3}";
            var amount = random.NextInt64(50, 1_000_000);
            var stripeFee = amount * 29 / 1000 + 30;
            switch (i % 10)
            {
                case 7:
                    page.Add(Refund(id, amount / 2, "ch_" + id));
                    tally.Refunds -= amount / 2;
                    tally.Net -= amount / 2;
                    break;
                case 8:
                    var applicationFee = amount / 100;
                    page.Add(Charge(id, amount, stripeFee + applicationFee, "usd", "ch_" + id,
                        new FeeDetail("stripe_fee", stripeFee, "usd"), new FeeDetail("application_fee", applicationFee, "usd")));
                    tally.Charges += amount;
                    tally.StripeFees += stripeFee;
                    tally.ApplicationFees += applicationFee;
                    tally.Net += amount - stripeFee - applicationFee;
                    break;
                case 9 when number % 10 == 0:
                    page.Add(Dispute(id, amount, 1_500, "ch_" + id));
                    tally.Disputes -= amount;
                    tally.DisputeFees += 1_500;
                    tally.Net -= amount + 1_500;
                    break;
                case 9:
                    var fx = amount / 1000 + 1;
                    page.Add(Fee(id, "stripe_fx_fee", fx));
                    tally.FxFees += fx;
                    tally.Net -= fx;
                    break;
                default:
                    page.Add(Charge(id, amount, stripeFee, "usd", "ch_" + id));
                    tally.Charges += amount;
                    tally.StripeFees += stripeFee;
                    tally.Net += amount - stripeFee;
                    break;
            }
        }
        return page;
    }

    /// <summary>Feeds one page and hands back only a weak reference to it, so the test can see whether anything kept it.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    static WeakReference Feed(PayoutAccumulator accumulator, int number, Random random, Tally tally)
    {
        var page = Page(number, random, tally);
        // The caller knows the orders of this page's charges (it looks them up page by page too).
        accumulator.AddPage(page, page.Select(t => "ch_" + t.Id).ToHashSet(StringComparer.Ordinal));
        return new WeakReference(page);
    }

    [Test]
    public void Should_add_up_ten_thousand_transactions_exactly_holding_totals_not_the_list()
    {
        var random = new Random(13);
        var tally = new Tally();
        var firstPass = new Tally();
        // The payout amount is the nets' sum, learnt from a first pass over the same seed (as Stripe knows it up front).
        var seed = new Random(13);
        for (var number = 0; number < Transactions / PageSize; number++) Page(number, seed, firstPass);
        var accumulator = new PayoutAccumulator(Payouts.Automatic(firstPass.Net));

        var pages = new List<WeakReference>();
        long retainedAfterTenPages = 0;
        for (var number = 0; number < Transactions / PageSize; number++)
        {
            pages.Add(Feed(accumulator, number, random, tally));
            if (number == 9) retainedAfterTenPages = GC.GetTotalMemory(forceFullCollection: true);
        }
        var retainedAtTheEnd = GC.GetTotalMemory(forceFullCollection: true);
        var journal = PayoutJournalComposer.Compose(accumulator, GlAccounts.Chart);

        Assert.That(accumulator.Count, Is.EqualTo(Transactions));
        Assert.That(journal.GrossByCategory[TransactionCategory.Charge], Is.EqualTo(tally.Charges / 100m));
        Assert.That(journal.GrossByCategory[TransactionCategory.Refund], Is.EqualTo(tally.Refunds / 100m));
        Assert.That(journal.GrossByCategory[TransactionCategory.DisputeWithdrawal], Is.EqualTo(tally.Disputes / 100m));
        Assert.That(journal.FeesByKind, Is.EqualTo(new Dictionary<string, decimal>
        {
            ["application_fee"] = tally.ApplicationFees / 100m,
            ["dispute_fee"] = tally.DisputeFees / 100m,
            ["stripe_fee"] = tally.StripeFees / 100m,
            ["stripe_fx_fee"] = tally.FxFees / 100m,
        }));
        Assert.That(journal.Net, Is.EqualTo(tally.Net / 100m));
        Assert.That(journal.Flags, Is.Empty);
        Assert.That(journal.IsBalanced, Is.True);
        Assert.That(journal.Lines, Has.Count.EqualTo(8)); // sales, refunds, disputes, four fee kinds, the bank
        // Flat: a handful of buckets, no page kept alive, and 9,000 more transactions leave the retained heap where it was
        // (holding them would keep megabytes).
        Assert.That(accumulator.Gross, Has.Count.EqualTo(3));
        Assert.That(pages.Count(p => p.IsAlive), Is.Zero);
        Assert.That(retainedAtTheEnd - retainedAfterTenPages, Is.LessThan(256 * 1024));
        TestContext.Out.WriteLine($"Retained heap after 1,000 transactions {retainedAfterTenPages:N0} B, after 10,000 {retainedAtTheEnd:N0} B.");
    }
}
