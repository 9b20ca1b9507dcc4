using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Payments.Contracts.Shared;
using Payments.Persistence.Concurrency;

namespace Payments.Operations.FlowRuns;

/// <summary>
/// Keeps <see cref="FlowRun"/> rows from the flows' outcome events. Order-safe: the state is the one of the latest event by the flow's
/// own time (a <c>FlowFailed</c> delivered after the <c>FlowCompleted</c> of its redrive does not undo it); at one instant an outcome
/// beats <c>Running</c>, and <c>Completed</c> beats <c>Failed</c>. Idempotent: applying an event again changes nothing.
/// </summary>
public sealed class FlowRunProjection(ConsoleDbContext db)
{
    const int MaxAttempts = 5;

    public Task ApplyAsync(FlowStarted e, CancellationToken cancellationToken) =>
        ApplyAsync(e.CorrelationId, e.Flow, e.Subject, run =>
        {
            var at = e.StartedAt.UtcDateTime;
            if (run.StartedAt is null || at < run.StartedAt)
                run.StartedAt = at;
            // A later start is a new run of the same subject (a flow begun again after it ended).
            if (run.Version == 0 || at > run.StateAt)
                SetState(run, FlowRunStates.Running, at);
        }, cancellationToken);

    public Task ApplyAsync(FlowFailed e, CancellationToken cancellationToken) =>
        ApplyAsync(e.CorrelationId, e.Flow, e.Subject, run =>
        {
            var at = e.FailedAt.UtcDateTime;
            if (run.FailedAt is null || at >= run.FailedAt)
            {
                run.FailedAt = at;
                run.FailedStep = e.Step;
                run.FailureReason = e.Reason;
            }
            if (run.Version == 0 || at > run.StateAt || at == run.StateAt && run.State == FlowRunStates.Running)
                SetState(run, FlowRunStates.Failed, at);
        }, cancellationToken);

    public Task ApplyAsync(FlowCompleted e, CancellationToken cancellationToken) =>
        ApplyAsync(e.CorrelationId, e.Flow, e.Subject, run =>
        {
            var at = e.CompletedAt.UtcDateTime;
            if (run.CompletedAt is null || at >= run.CompletedAt)
            {
                run.CompletedAt = at;
                run.Documents = e.Documents.Count == 0 ? null : JsonSerializer.Serialize(e.Documents);
            }
            if (run.Version == 0 || at >= run.StateAt)
                SetState(run, FlowRunStates.Completed, at);
        }, cancellationToken);

    static void SetState(FlowRun run, string state, DateTime at)
    {
        run.State = state;
        run.StateAt = at;
    }

    /// <summary>Reads the run (or starts one), applies the event, saves; on losing a race with another event of the run, again.</summary>
    async Task ApplyAsync(Guid correlationId, string flow, string subject, Action<FlowRun> apply, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var run = await db.FlowRuns.SingleOrDefaultAsync(r => r.CorrelationId == correlationId, cancellationToken);
                var isNew = run is null;
                run ??= new FlowRun { CorrelationId = correlationId };
                run.Flow = flow;
                run.Subject = subject;
                apply(run);
                run.Version++;
                if (isNew)
                    db.FlowRuns.Add(run);
                await db.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (Exception e) when (attempt < MaxAttempts && ConcurrencyConflicts.IsConflict(e))
            {
                db.ChangeTracker.Clear();
                await Task.Delay(Random.Shared.Next(5, 20 * attempt), cancellationToken);
            }
        }
    }
}
