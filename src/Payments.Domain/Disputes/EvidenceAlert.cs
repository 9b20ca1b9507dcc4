namespace Payments.Domain.Disputes;

/// <summary>When to warn that a dispute's evidence is due: a configured number of days before <c>evidence_details.due_by</c>, and never in the past.</summary>
public static class EvidenceAlert
{
    /// <returns>The alert time, or null when the dispute has no due date.</returns>
    public static DateTimeOffset? At(DateTimeOffset? dueBy, int daysBefore, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(daysBefore);
        if (dueBy is not { } due) return null;
        var at = due.AddDays(-daysBefore);
        return at < now ? now : at;
    }
}
