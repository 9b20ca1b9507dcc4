using System.Data;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Payments.Benchmarks.Databases;
using Payments.Benchmarks.Memory;
using Payments.Contracts.PayoutReconciliation;
using Payments.P21Service.Journals;
using Payments.Simulators.P21;
using Payments.Simulators.P21.Store;
using Payments.Simulators.Stripe;
using Payments.StripeService.Data;
using Payments.StripeService.PayoutReconciliation;
using Stripe;

namespace Payments.Benchmarks.Payouts;

/// <summary>
/// One payout of <c>N</c> charges on one kind of database, in a world of its own (Stripe fake, P21 simulator, both services, fresh
/// databases): first the ceiling, Stripe.net paging through the payout's balance transactions and counting them; then the
/// reconciliation, the Stripe service's listing and the P21 service's journal. Each is timed and its memory measured from a baseline
/// taken just before it; then what they did is checked. Then, untimed, both again on a second payout of as many charges, measuring what
/// stays reachable (<see cref="MemoryProbe.StartCollecting"/>), and checked too.
/// </summary>
public sealed class PayoutBenchmark(TextWriter log)
{
    const string ApiKey = "sk_test_payouts_benchmark";

    /// <summary>Stripe's largest page, the Stripe service's default <c>Stripe:Payouts:PageSize</c>.</summary>
    const int PageSize = 100;

    /// <param name="createDatabase">A fresh, empty database of the kind measured; its argument names the service it is for.</param>
    public async Task<PayoutResult> RunAsync(int charges, Func<string, Task<BenchmarkDatabase>> createDatabase)
    {
        await using var stripe = await StripeApiFake.StartAsync(new StripeApiFakeOptions { ApiKey = ApiKey, SeedFixtureCharge = false });
        await using var p21 = await P21Simulator.StartAsync(new P21SimulatorOptions());
        await using var stripeDatabase = await createDatabase("stripe-service");
        await using var p21Database = await createDatabase("p21-service");
        await using var stripeService = await ServiceUnderTest.StartStripeServiceAsync(stripe, ApiKey, stripeDatabase);
        await using var p21Service = await ServiceUnderTest.StartP21ServiceAsync(p21, p21Database);
        await stripeDatabase.InspectAsync();

        var seeded = PayoutScenario.Seed(stripe.Account, charges);
        log.WriteLine($"  {stripeDatabase.Name} {charges:N0}: payout {seeded.Id} of {seeded.AmountMinor / 100m:N2} USD, {seeded.Transactions:N0} balance transactions");
        var (paged, pagingTime, pagingMemory) = await MeasureAsync(MemoryProbe.Start, () => PageAsync(stripeService, seeded.Id));
        log.WriteLine($"    (a) paging alone: {pagingTime.TotalSeconds:0.000} s");
        var (reconciled, reconcileTime, reconcileMemory) = await MeasureAsync(MemoryProbe.Start, () => ReconcileAsync(stripeService, p21Service, seeded));
        log.WriteLine($"    (b) reconciliation: {reconcileTime.TotalSeconds:0.000} s");
        var check = await CheckAsync(seeded, paged, reconciled, stripeService, p21);

        // What stays reachable, untimed: a second payout of as many charges, both paths again with a full collection before each sample.
        var second = PayoutScenario.Seed(stripe.Account, charges, orderPrefix: "SO-B");
        var (pagedAgain, _, pagingReachable) = await MeasureAsync(MemoryProbe.StartCollecting, () => PageAsync(stripeService, second.Id));
        var (reconciledAgain, secondTime, reconcileReachable) = await MeasureAsync(MemoryProbe.StartCollecting, () => ReconcileAsync(stripeService, p21Service, second));
        log.WriteLine($"    reachable-memory pass on payout {second.Id}: (b) {secondTime.TotalSeconds:0.000} s with {reconcileReachable.Samples} full collections");
        var secondCheck = await CheckAsync(second, pagedAgain, reconciledAgain, stripeService, p21);

        return new PayoutResult(stripeDatabase.Name, stripeDatabase.Describe(), seeded.Charges, seeded.Transactions,
            new PhaseResult(pagingTime, pagingMemory, pagingReachable), new PhaseResult(reconcileTime, reconcileMemory, reconcileReachable),
            reconciled.Listing, reconciled.Posting, check, secondCheck);
    }

    static async Task<(T Result, TimeSpan Elapsed, MemoryUse Memory)> MeasureAsync<T>(Func<MemoryProbe> startProbe, Func<Task<T>> work)
    {
        using var probe = startProbe();
        var clock = Stopwatch.StartNew();
        var result = await work();
        clock.Stop();
        return (result, clock.Elapsed, probe.Stop());
    }

    /// <summary>
    /// (a) The ceiling: the same calls the listing makes (payout filter, pages of 100, sources expanded) on the Stripe service's own
    /// <see cref="StripeClient"/> (its HttpClient and resilience pipeline), counting only: no mapping, no database, no journal.
    /// </summary>
    static async Task<Paged> PageAsync(ServiceUnderTest stripeService, string payoutId)
    {
        var stripe = stripeService.Services.GetRequiredService<StripeClient>();
        var (count, pages) = (0, 0);
        string? cursor = null;
        while (true)
        {
            var page = await stripe.V1.BalanceTransactions.ListAsync(new BalanceTransactionListOptions
            {
                Payout = payoutId, Limit = PageSize, StartingAfter = cursor, Expand = ["data.source"],
            });
            pages++;
            count += page.Data.Count;
            if (!page.HasMore || page.Data.Count == 0) return new Paged(count, pages);
            cursor = page.Data[^1].Id;
        }
    }

    /// <summary>
    /// (b) The reconciliation: <see cref="PayoutTransactions"/> as <c>ListPayoutTransactionsConsumer</c> calls it, inside a transaction on
    /// its scope's DbContext as the inbox/outbox opens one around each consume (ReadCommitted; on SQLite the pages join it, elsewhere each
    /// page commits on a DbContext of its own), then <see cref="PayoutJournals.PostAsync"/> with the totals, as the saga's
    /// <c>PostPayoutJournal</c> carries them. Left out: the broker, the inbox row and the answer's outbox row.
    /// </summary>
    static async Task<Reconciled> ReconcileAsync(ServiceUnderTest stripeService, ServiceUnderTest p21Service, SeededPayout seeded)
    {
        var clock = Stopwatch.StartNew();
        PayoutListingResult listed;
        await using (var scope = stripeService.Services.CreateAsyncScope())
        {
            var consumeContext = scope.ServiceProvider.GetRequiredService<StripeServiceDbContext>();
            await using var transaction = await consumeContext.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted);
            listed = await scope.ServiceProvider.GetRequiredService<PayoutTransactions>().ListAsync(seeded.ListCommand)
                ?? throw new InvalidOperationException($"The listing of payout {seeded.Id} answered nothing: run 1 was taken as stale.");
            await transaction.CommitAsync();
        }
        var listing = clock.Elapsed;

        PayoutJournalPosted posted;
        await using (var scope = p21Service.Services.CreateAsyncScope())
            posted = await scope.ServiceProvider.GetRequiredService<PayoutJournals>().PostAsync(seeded.PostCommand(listed.Totals), CancellationToken.None);
        return new Reconciled(listed, posted, listing, clock.Elapsed - listing);
    }

    /// <summary>What the two paths did, against what the Stripe fake holds and what the P21 simulator's ledger now holds.</summary>
    static async Task<PayoutCheck> CheckAsync(SeededPayout seeded, Paged paged, Reconciled reconciled, ServiceUnderTest stripeService, P21Simulator p21)
    {
        long rows, rowNets;
        PayoutListing? listing;
        await using (var scope = stripeService.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<StripeServiceDbContext>();
            var lines = db.PayoutTransactionLines.AsNoTracking().Where(l => l.PayoutId == seeded.Id);
            rows = await lines.LongCountAsync();
            rowNets = await lines.Where(l => l.Category != "payout").SumAsync(l => l.NetMinor);
            listing = await db.PayoutListings.AsNoTracking().SingleOrDefaultAsync(l => l.PayoutId == seeded.Id);
        }
        var entry = p21.Store.Ledger.Entry(long.Parse(reconciled.Posted.JournalNumber, System.Globalization.CultureInfo.InvariantCulture));
        var listed = reconciled.Listed;
        return new PayoutCheck(
            ExpectedTransactions: seeded.Transactions,
            ExpectedPages: (seeded.Transactions + PageSize - 1) / PageSize,
            PayoutAmountMinor: seeded.AmountMinor,
            PagedCount: paged.Count,
            PagedPages: paged.Pages,
            ListedPages: listed.Pages,
            ListedComplete: listed.Complete && listing is { Complete: true },
            ListedCount: listed.State.Count,
            ListedNetMinor: listed.State.NetMinor,
            Flags: listed.Flags.Count,
            FirstFlag: listed.Flags.FirstOrDefault()?.Reason,
            Rows: rows,
            RowNetsMinor: rowNets,
            JournalNumber: reconciled.Posted.JournalNumber,
            JournalLines: entry.Count,
            JournalSum: entry.Sum(l => l.Amount),
            JournalBank: entry.Where(l => l.AccountNumber == P21Seed.PayoutBankClearingAccount).Sum(l => l.Amount),
            JournalAlreadyExisted: reconciled.Posted.AlreadyExisted);
    }

    sealed record Paged(int Count, int Pages);

    sealed record Reconciled(PayoutListingResult Listed, PayoutJournalPosted Posted, TimeSpan Listing, TimeSpan Posting);
}

/// <summary>One measured path: its wall time and what it cost in memory; <paramref name="Reachable"/> from the untimed pass on the second payout.</summary>
public sealed record PhaseResult(TimeSpan Elapsed, MemoryUse Memory, MemoryUse Reachable)
{
    public double PerSecond(int transactions) => transactions / Elapsed.TotalSeconds;
}

/// <summary>
/// One size on one database: (a) the ceiling, (b) the reconciliation (its listing and its journal's posting apart), the check of the timed
/// payout and of the second one, whose pass measured what stays reachable.
/// </summary>
public sealed record PayoutResult(
    string Database, string Details, int Charges, int Transactions, PhaseResult Ceiling, PhaseResult Reconciliation, TimeSpan Listing, TimeSpan Posting,
    PayoutCheck Check, PayoutCheck SecondCheck)
{
    public bool Holds => Check.Holds && SecondCheck.Holds;

    /// <summary>How many times the ceiling's time the reconciliation takes.</summary>
    public double Ratio => Reconciliation.Elapsed / Ceiling.Elapsed;
}

/// <summary>
/// Right or wrong, whatever the time: both paths saw every balance transaction of the payout in the same pages; the listing kept a row
/// for each and raised no flag; the nets (every transaction but the payout's own) make the payout; the journal is new, balanced, and
/// puts the payout's amount to the bank clearing account.
/// </summary>
public sealed record PayoutCheck(
    int ExpectedTransactions, int ExpectedPages, long PayoutAmountMinor,
    int PagedCount, int PagedPages,
    int ListedPages, bool ListedComplete, int ListedCount, long ListedNetMinor, int Flags, string? FirstFlag,
    long Rows, long RowNetsMinor,
    string JournalNumber, int JournalLines, decimal JournalSum, decimal JournalBank, bool JournalAlreadyExisted)
{
    public IReadOnlyList<string> Problems
    {
        get
        {
            var problems = new List<string>();
            if (PagedCount != ExpectedTransactions || PagedPages != ExpectedPages)
                problems.Add($"paging counted {PagedCount} transactions in {PagedPages} pages, not {ExpectedTransactions} in {ExpectedPages}");
            if (ListedPages != ExpectedPages || !ListedComplete)
                problems.Add($"the listing read {ListedPages} pages (complete: {ListedComplete}), not {ExpectedPages}");
            // The accumulator counts every transaction but the payout's own.
            if (ListedCount != ExpectedTransactions - 1)
                problems.Add($"the listing counted {ListedCount} transactions besides the payout's own, not {ExpectedTransactions - 1}");
            if (Flags != 0) problems.Add($"{Flags} flags, the first: {FirstFlag}");
            if (Rows != ExpectedTransactions) problems.Add($"{Rows} rows kept, not {ExpectedTransactions}");
            if (ListedNetMinor != PayoutAmountMinor || RowNetsMinor != PayoutAmountMinor)
                problems.Add($"nets {ListedNetMinor} (listed) and {RowNetsMinor} (rows) against a payout of {PayoutAmountMinor}");
            if (JournalLines == 0 || JournalSum != 0m) problems.Add($"journal {JournalNumber}: {JournalLines} lines summing to {JournalSum}, not balanced");
            if (JournalBank != PayoutAmountMinor / 100m) problems.Add($"journal {JournalNumber} puts {JournalBank} to the bank, not {PayoutAmountMinor / 100m}");
            if (JournalAlreadyExisted) problems.Add($"journal {JournalNumber} already existed");
            return problems;
        }
    }

    public bool Holds => Problems.Count == 0;
}
