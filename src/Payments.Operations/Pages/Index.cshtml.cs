using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Payments.Operations.FlowRuns;

namespace Payments.Operations.Pages;

/// <summary>Payments by flow and state: the counts, and the runs of a flow, state or subject, newest first.</summary>
public sealed class IndexModel(ConsoleDbContext db) : PageModel
{
    public const int PageSize = 200;

    public sealed record StateCount(string Flow, string State, int Count);

    public IReadOnlyList<StateCount> Counts { get; private set; } = [];
    public IReadOnlyList<FlowRun> Runs { get; private set; } = [];
    public string? Flow { get; private set; }
    public string? State { get; private set; }
    public string? Query { get; private set; }

    public async Task OnGetAsync(string? flow, string? state, string? q, CancellationToken cancellationToken)
    {
        Flow = string.IsNullOrWhiteSpace(flow) ? null : flow;
        State = string.IsNullOrWhiteSpace(state) ? null : state;
        Query = string.IsNullOrWhiteSpace(q) ? null : q.Trim();

        Counts = await db.FlowRuns.AsNoTracking()
            .GroupBy(r => new { r.Flow, r.State })
            .Select(g => new StateCount(g.Key.Flow, g.Key.State, g.Count()))
            .ToListAsync(cancellationToken);

        var runs = db.FlowRuns.AsNoTracking();
        if (Flow is not null) runs = runs.Where(r => r.Flow == Flow);
        if (State is not null) runs = runs.Where(r => r.State == State);
        if (Query is not null) runs = runs.Where(r => r.Subject.Contains(Query));
        Runs = await runs.OrderByDescending(r => r.StateAt).Take(PageSize).ToListAsync(cancellationToken);
    }
}
