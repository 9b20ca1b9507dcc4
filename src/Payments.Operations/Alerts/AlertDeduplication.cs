using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Payments.Operations.Alerts.Data;
using Payments.Persistence.Concurrency;
using Payments.Persistence.Diagnostics;

namespace Payments.Operations.Alerts;

/// <summary>What to send for one occurrence: the alert itself (the first of its window), and the summary of the window before, if it still owed one.</summary>
public sealed record AlertDecision(bool SendAlert, AlertSummary? PreviousSummary)
{
    public static readonly AlertDecision Counted = new(false, null);
}

/// <summary>The later occurrences of one alert key in a window that has ended: sent once, after the window.</summary>
public sealed record AlertSummary(string Kind, string Key, string Title, int Occurrences, DateTimeOffset FirstAt, DateTimeOffset LastAt, string LastText)
{
    /// <summary>As an alert of its own for the channels.</summary>
    public Alert ToAlert() => new(Kind, Key,
        $"{Occurrences - 1} more: {Title}",
        $"{Occurrences} occurrences from {FirstAt:u} to {LastAt:u}; the first was alerted, the rest held back as duplicates.\n\nThe last:\n{LastText}",
        LastAt)
    { IsSummary = true, Occurrences = Occurrences };
}

/// <summary>
/// De-duplication across replicas in the operations database (<see cref="AlertEpisode"/>): every step is one conditional statement,
/// so of two replicas seeing the same occurrence at once exactly one sends, and of two taking an ended window over exactly one.
/// </summary>
public sealed class AlertDeduplication(IServiceScopeFactory scopes, IOptionsMonitor<AlertsOptions> options, TimeProvider clock)
{
    const int MaxAttempts = 5;
    const int MaxText = 4000;

    /// <summary>Counts <paramref name="alert"/> in its key's window and says what to send.</summary>
    public async Task<AlertDecision> RecordAsync(Alert alert, CancellationToken cancellationToken)
    {
        var text = Clip(alert.Text, MaxText);
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AlertsDbContext>();
            var now = clock.GetUtcNow().UtcDateTime;
            var occurred = alert.OccurredAt.UtcDateTime;

            // Within the window: count it, nothing to send.
            var counted = await db.Episodes
                .Where(e => e.Key == alert.Key && e.WindowEndsAtUtc > now)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(e => e.Occurrences, e => e.Occurrences + 1)
                    .SetProperty(e => e.LastOccurredAtUtc, occurred)
                    .SetProperty(e => e.LastText, text), cancellationToken);
            if (counted == 1)
                return AlertDecision.Counted;

            var episode = await db.Episodes.AsNoTracking().SingleOrDefaultAsync(e => e.Key == alert.Key, cancellationToken);
            if (episode is null)
            {
                db.Episodes.Add(new AlertEpisode
                {
                    Key = alert.Key,
                    Kind = alert.Kind,
                    Title = Clip(alert.Title, 500),
                    FirstText = text,
                    LastText = text,
                    Generation = 1,
                    WindowEndsAtUtc = now + options.CurrentValue.DedupWindow,
                    FirstOccurredAtUtc = occurred,
                    LastOccurredAtUtc = occurred,
                    Occurrences = 1,
                });
                try
                {
                    using (ExpectedDatabaseErrors.UniqueViolations())
                        await db.SaveChangesAsync(cancellationToken);
                    return new AlertDecision(true, null);
                }
                catch (DbUpdateException e) when (ConcurrencyConflicts.IsConflict(e) && attempt < MaxAttempts)
                {
                    continue; // another replica inserted it first: count this one in its window
                }
            }

            // Inserted by another replica between the count and the read: count this one in its window.
            if (episode.WindowEndsAtUtc > now)
                continue;

            // The window ended: take the row over for a new window (once across replicas, by its generation), owing the old window's
            // summary unless the summary sweep took it already.
            var owesSummary = episode.Occurrences > 1 && !episode.Summarised;
            var taken = await db.Episodes
                .Where(e => e.Key == alert.Key && e.Generation == episode.Generation && e.Summarised == episode.Summarised && e.WindowEndsAtUtc <= now)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(e => e.Generation, episode.Generation + 1)
                    .SetProperty(e => e.Kind, alert.Kind)
                    .SetProperty(e => e.Title, Clip(alert.Title, 500))
                    .SetProperty(e => e.FirstText, text)
                    .SetProperty(e => e.LastText, text)
                    .SetProperty(e => e.WindowEndsAtUtc, now + options.CurrentValue.DedupWindow)
                    .SetProperty(e => e.FirstOccurredAtUtc, occurred)
                    .SetProperty(e => e.LastOccurredAtUtc, occurred)
                    .SetProperty(e => e.Occurrences, 1)
                    .SetProperty(e => e.Summarised, false), cancellationToken);
            if (taken == 1)
                return new AlertDecision(true, owesSummary ? SummaryOf(episode) : null);
        }
        // A conflict, so the message is retried by the bus's policy.
        throw new DbUpdateConcurrencyException($"Alert {alert.Kind}: its window changed under {MaxAttempts} attempts in a row.");
    }

    /// <summary>Takes the summaries of windows that ended with more than one occurrence (each once across replicas).</summary>
    public async Task<IReadOnlyList<AlertSummary>> TakeDueSummariesAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AlertsDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.Episodes.AsNoTracking()
            .Where(e => e.WindowEndsAtUtc <= now && e.Occurrences > 1 && !e.Summarised)
            .OrderBy(e => e.WindowEndsAtUtc)
            .Take(100)
            .ToListAsync(cancellationToken);
        var taken = new List<AlertSummary>();
        foreach (var episode in due)
        {
            var claimed = await db.Episodes
                .Where(e => e.Key == episode.Key && e.Generation == episode.Generation && !e.Summarised)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.Summarised, true), cancellationToken);
            if (claimed == 1)
                taken.Add(SummaryOf(episode));
        }
        return taken;
    }

    static AlertSummary SummaryOf(AlertEpisode e) => new(e.Kind, e.Key, e.Title, e.Occurrences,
        new DateTimeOffset(e.FirstOccurredAtUtc, TimeSpan.Zero), new DateTimeOffset(e.LastOccurredAtUtc, TimeSpan.Zero), e.LastText);

    static string Clip(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
