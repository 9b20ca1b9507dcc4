using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Text;
using Payments.Benchmarks.Memory;
using static Payments.Benchmarks.ResultTable;

namespace Payments.Benchmarks.Payouts;

/// <summary>The payout figures as a Markdown table, readable in a terminal and pasteable into the README, and the checks in words.</summary>
public static class PayoutResultTable
{
    const double MiB = 1024 * 1024;

    public static string Header(PayoutBenchmarkOptions options) =>
        $"""
        Payout reconciliation: {DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC, {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}, {Configuration}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC ({GCSettings.LatencyMode}); load average at start {LoadAverage()}.
        One automatic payout per size: N charges of {PayoutScenario.ChargeAmount / 100m:0.00} USD, each with its P21 order, {PayoutScenario.Refunds} partial refunds, a chargeback open and one won, the payout's own ({PayoutScenario.ExtraTransactions} transactions besides the charges); {(options.Warmup > 0 ? $"an unmeasured payout of {options.Warmup} charges first on each database" : "no warm-up")}.
        (a) paging = Stripe.net balance transactions of the payout (payout filter, pages of 100, data.source expanded) on the Stripe service's StripeClient, counting only
        (b) reconciliation = Stripe service PayoutTransactions.ListAsync (map, order from the charge's metadata, accumulate, each page's rows and cursor kept) in a consume-like transaction, then P21 service PayoutJournals.PostAsync of the totals
        Memory is the whole process's (the Stripe fake and the P21 simulator run in it), above a baseline taken after a full collection just before each path: heap peak = GC.GetTotalMemory(false) sampled every {MemoryProbe.SampleInterval.TotalMilliseconds:0} ms in the timed run, garbage not yet collected included; reachable peak = the heap after a full blocking collection every {MemoryProbe.CollectingInterval.TotalMilliseconds:0} ms, in an untimed second run on a second payout of as many charges.
        """;

    public static string Render(IReadOnlyList<PayoutResult> results)
    {
        var text = new StringBuilder();
        text.AppendLine("| Database | Charges | Transactions | Path | Wall s | Transactions/s | (b)/(a) | Heap peak above baseline MiB | Reachable above baseline, median / peak MiB | Allocated MiB | Allocated per transaction KiB | GCs gen0/1/2 | Working set start → peak MiB |");
        text.AppendLine("|---|--:|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var result in results)
        {
            text.AppendLine(Row(result, "(a) paging", result.Ceiling, ""));
            text.AppendLine(Row(result, "(b) reconciliation", result.Reconciliation, string.Create(CultureInfo.InvariantCulture, $"{result.Ratio:0.00}")));
        }
        text.AppendLine();
        foreach (var result in results) text.AppendLine(Check(result));
        // Flat memory: what stays reachable does not grow with the payout, from its first pages to its last, nor from one size to the next.
        foreach (var result in results)
        {
            var reachable = result.Reconciliation.Reachable;
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"{result.Database}, {result.Charges:N0} charges, (b) reachable above baseline over {reachable.Samples} full collections: median {Mib(reachable.MedianHeapAboveBaseline)}, peak {Mib(reachable.PeakHeapAboveBaseline)}, last quarter against first {Mib(reachable.Drift, signed: true)} MiB (paging alone: {Mib(result.Ceiling.Reachable.MedianHeapAboveBaseline)}, {Mib(result.Ceiling.Reachable.PeakHeapAboveBaseline)}, {Mib(result.Ceiling.Reachable.Drift, signed: true)})."));
        }
        if (results.Any(r => !r.Reconciliation.Memory.PeakWorkingSetIsOwn))
            text.AppendLine("Peak working set: the process's since it started (the kernel's peak could not be reset for each path).");
        return text.ToString();

        static string Mib(long bytes, bool signed = false) => (bytes / MiB).ToString(signed ? "+0.0;-0.0;0.0" : "0.0", CultureInfo.InvariantCulture);
    }

    static string Row(PayoutResult result, string path, PhaseResult phase, string ratio)
    {
        var memory = phase.Memory;
        return string.Create(CultureInfo.InvariantCulture,
            $"| {result.Database} | {result.Charges:N0} | {result.Transactions:N0} | {path} | {phase.Elapsed.TotalSeconds:0.000} | {phase.PerSecond(result.Transactions):N0} | {ratio} | " +
            $"{memory.PeakHeapAboveBaseline / MiB:0.0} | {phase.Reachable.MedianHeapAboveBaseline / MiB:0.0} / {phase.Reachable.PeakHeapAboveBaseline / MiB:0.0} | {memory.Allocated / MiB:N0} | {memory.Allocated / 1024.0 / result.Transactions:0.0} | " +
            $"{string.Join('/', memory.Collections)} | {memory.WorkingSetBefore / MiB:N0} → {memory.PeakWorkingSet / MiB:N0} |");
    }

    /// <summary>One sentence per payout: where (b)'s time went, what it did, and whether that was right (the second payout's check too).</summary>
    public static string Check(PayoutResult result)
    {
        var check = result.Check;
        var said = string.Create(CultureInfo.InvariantCulture,
            $"{result.Details}, {result.Charges:N0} charges: (b) = listing {result.Listing.TotalSeconds:0.000} s + journal {result.Posting.TotalSeconds:0.000} s; " +
            $"{check.PagedCount:N0} transactions paged in {check.PagedPages} pages, {check.ListedCount + 1:N0} listed in {check.ListedPages}, {check.Rows:N0} rows kept of {check.ExpectedTransactions:N0}; " +
            $"nets {check.RowNetsMinor / 100m:N2} (rows) and {check.ListedNetMinor / 100m:N2} (totals) for a payout of {check.PayoutAmountMinor / 100m:N2}; {check.Flags} flags; " +
            $"P21 journal {check.JournalNumber}: {check.JournalLines} lines summing to {check.JournalSum:0.00}, {check.JournalBank:N2} to the bank clearing account");
        var problems = check.Problems.Concat(result.SecondCheck.Problems.Select(p => "second payout: " + p)).ToList();
        return problems.Count == 0
            ? said + string.Create(CultureInfo.InvariantCulture, $"; the second payout's likewise (journal {result.SecondCheck.JournalNumber}): right.")
            : said + ": WRONG: " + string.Join("; ", problems) + ".";
    }
}
