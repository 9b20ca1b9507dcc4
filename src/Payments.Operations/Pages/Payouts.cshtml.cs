using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Payments.Contracts.Shared;
using Payments.Operations.FlowRuns;
using Payments.Operations.Payouts;

namespace Payments.Operations.Pages;

/// <summary>Stripe payouts and their reconciliation, newest first, each with its report (HTML, CSV).</summary>
public sealed class PayoutsModel(ConsoleDbContext db, PayoutReportDatabases databases) : PageModel
{
    public const int PageSize = 200;
    static readonly string SubjectPrefix = CorrelationKinds.StripePayout + ":";

    public sealed record Payout(string PayoutId, FlowRun Run);

    public IReadOnlyList<Payout> Payouts { get; private set; } = [];
    /// <summary>The connection strings this console lacks to read reports; empty when it can.</summary>
    public IReadOnlyList<string> Missing => databases.Missing;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var runs = await db.FlowRuns.AsNoTracking()
            .Where(r => r.Flow == FlowNames.PayoutReconciliation)
            .OrderByDescending(r => r.StateAt)
            .Take(PageSize)
            .ToListAsync(cancellationToken);
        Payouts = [.. runs.Where(r => r.Subject.StartsWith(SubjectPrefix, StringComparison.Ordinal))
            .Select(r => new Payout(r.Subject[SubjectPrefix.Length..], r))];
    }
}
