using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Payments.Persistence.Concurrency;
using Payments.Persistence.Diagnostics;

namespace Payments.Persistence.Audit;

/// <summary>
/// <see cref="IAuditTrail"/> on <see cref="AuditDbContext"/>. Each call runs in a scope of its own, so the outbound HTTP handlers
/// (long-lived, shared by concurrent calls) can use it. Recording is idempotent by <see cref="AuditEntry.Id"/>: a repeat is ignored,
/// except that a <see cref="AuditOutcomes.Pending"/> entry is completed by a later call with its id and an outcome.
/// An entry without <see cref="AuditEntry.CausedBy"/>, <see cref="AuditEntry.Flow"/> or <see cref="AuditEntry.Subject"/> takes them
/// from the intake entry of its conversation (the Stripe or Znode event that began it); when that intake is recorded after the entry
/// (the gateway records its intakes after its commit), the intake gives them to it then.
/// </summary>
public sealed class EfAuditTrail(IServiceScopeFactory scopeFactory) : IAuditTrail
{
    public async Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuditDbContext>();

        // A repeat (a redelivered webhook, a write's outcome after its start) is found by key first, so the common case does not
        // fail on the key; two at once still can, and the catch below handles that. A pending entry is the start of a write, with an
        // id of its own: a repeat of it is rare enough to be left to the catch, which saves a round trip per write.
        if (entry.Outcome != AuditOutcomes.Pending)
        {
            var recorded = await db.Entries.AsNoTracking().Where(e => e.Id == entry.Id).Select(e => e.Outcome).FirstOrDefaultAsync(cancellationToken);
            if (recorded is not null)
            {
                if (recorded == AuditOutcomes.Pending)
                    await CompleteAsync(db, entry, ReferencesOf(entry), cancellationToken);
                return;
            }
        }

        var withoutIntake = false;
        if (NeedsIntake(entry) && entry.ConversationId is { } conversation)
        {
            if (await IntakeOfAsync(db, conversation, cancellationToken) is { } intake)
                entry = WithIntake(entry, intake);
            else
                withoutIntake = true;
        }

        var references = Add(db, entry);
        try
        {
            await AuditReferenceRows.SaveWithAsync(db, RowsOf(entry.Id, references), cancellationToken);
        }
        catch (DbUpdateException e) when (ConcurrencyConflicts.IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
            if (entry.Outcome != AuditOutcomes.Pending)
                await CompleteAsync(db, entry, references, cancellationToken);
            return;
        }

        // Its intake may have been committed since the look-up above, and have looked for entries like this one before this commit:
        // one of the two looks sees the other's commit, so this look closes the gap.
        if (withoutIntake && await IntakeOfAsync(db, entry.ConversationId!.Value, cancellationToken) is { } late)
            await GiveIntakeAsync(db, entry.Id, late, cancellationToken);
        else if (entry.System == AuditSystems.Intake && entry.ConversationId is { } its)
            await GiveIntakesToEarlierWritesAsync(db, [its], cancellationToken);
    }

    /// <summary>
    /// A write's outcome, from the handler that recorded its pending start: the update goes to the pending entry without a read first
    /// (one round trip fewer per write); when there is no pending entry of that id (never recorded, or completed already), as
    /// <see cref="RecordAsync"/>.
    /// </summary>
    public async Task CompleteAsync(AuditEntry completed, CancellationToken cancellationToken)
    {
        await using (var scope = scopeFactory.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AuditDbContext>();
            if (await CompleteAsync(db, completed, ReferencesOf(completed), cancellationToken))
                return;
        }
        await RecordAsync(completed, cancellationToken);
    }

    /// <summary>
    /// Records <paramref name="entries"/> in one commit; when one of them is already recorded (the commit fails on its key), one by one
    /// instead, which skips those. Each intake among them then gives its flow, subject and cause to the writes of its conversation
    /// recorded before it without them.
    /// </summary>
    /// <remarks>Made for the gateway's intakes, which are new but for a crash between their commit and the record's mark: no read first.</remarks>
    public async Task RecordAllAsync(IReadOnlyCollection<AuditEntry> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 0)
            return;
        if (entries.Any(e => e.Outcome == AuditOutcomes.Pending || NeedsIntake(e)))
        {
            // Pending entries and writes that borrow from their intake take the one-by-one path, which handles both.
            foreach (var entry in entries)
                await RecordAsync(entry, cancellationToken);
            return;
        }

        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuditDbContext>();
        var distinct = entries.DistinctBy(e => e.Id).ToList();
        var rows = new List<AuditReference>();
        foreach (var entry in distinct)
            rows.AddRange(RowsOf(entry.Id, Add(db, entry)));
        try
        {
            await AuditReferenceRows.SaveWithAsync(db, rows, cancellationToken);
        }
        catch (DbUpdateException e) when (ConcurrencyConflicts.IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
            foreach (var entry in distinct)
                await RecordAsync(entry, cancellationToken);
        }

        var conversations = entries.Where(e => e.System == AuditSystems.Intake && e.ConversationId != null).Select(e => e.ConversationId).Distinct().ToList();
        if (conversations.Count > 0)
            await GiveIntakesToEarlierWritesAsync(db, conversations, cancellationToken);
    }

    public async Task<IReadOnlyList<AuditEntry>> StoryAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        id = id.Trim();
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuditDbContext>();

        // The entries naming the id, then everything of their conversations and of the flows (subjects) they are about.
        var seed = await db.Entries.AsNoTracking()
            .Where(e => db.References.Any(r => r.Reference == id && r.EntryId == e.Id))
            .Select(e => new { e.Id, e.ConversationId, e.Subject })
            .ToListAsync(cancellationToken);
        if (seed.Count == 0)
            return [];
        var ids = seed.Select(s => s.Id).ToList();
        var conversations = seed.Where(s => s.ConversationId != null).Select(s => s.ConversationId).Distinct().ToList();
        var subjects = seed.Where(s => s.Subject != null).Select(s => s.Subject!).Distinct().ToList();

        var story = await db.Entries.AsNoTracking()
            .Where(e => ids.Contains(e.Id)
                        || conversations.Contains(e.ConversationId)
                        || db.References.Any(r => subjects.Contains(r.Reference) && r.EntryId == e.Id))
            .ToListAsync(cancellationToken);
        return story.OrderBy(e => e.At).ThenBy(e => e.System == AuditSystems.Intake ? 0 : 1).ToList();
    }

    /// <summary>Removes at most <paramref name="batchSize"/> of the oldest entries recorded before <paramref name="cutoff"/>, with their references.</summary>
    public static async Task<int> RemoveOlderThanAsync(AuditDbContext db, DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken)
    {
        // A range of the At index; the deletes then go by key and by the references' EntryId index.
        var ids = await db.Entries.Where(e => e.At < cutoff).OrderBy(e => e.At).Select(e => e.Id).Take(batchSize).ToListAsync(cancellationToken);
        if (ids.Count == 0)
            return 0;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.References.Where(r => ids.Contains(r.EntryId)).ExecuteDeleteAsync(cancellationToken);
        var removed = await db.Entries.Where(e => ids.Contains(e.Id)).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return removed;
    }

    /// <summary>A pending entry gets its outcome; any other is left as first recorded (a repeat of the same record). Whether one was pending.</summary>
    static async Task<bool> CompleteAsync(AuditDbContext db, AuditEntry entry, IReadOnlyList<string> references, CancellationToken cancellationToken)
    {
        if (await AuditReferenceRows.TryCompletePendingAsync(db, entry, references, cancellationToken) is { } done)
            return done;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var known = await db.References.Where(r => r.EntryId == entry.Id).Select(r => r.Reference).ToListAsync(cancellationToken);
        var added = references.Except(known, StringComparer.Ordinal).ToList();
        var all = AuditEssentials.Cut(string.Join(' ', known.Concat(added)))!;
        var completed = await db.Entries
            .Where(e => e.Id == entry.Id && e.Outcome == AuditOutcomes.Pending)
            .ExecuteUpdateAsync(set => set
                .SetProperty(e => e.Outcome, entry.Outcome)
                .SetProperty(e => e.StatusCode, entry.StatusCode)
                .SetProperty(e => e.Result, entry.Result)
                .SetProperty(e => e.DurationMs, entry.DurationMs)
                .SetProperty(e => e.References, all), cancellationToken);
        if (completed > 0 && added.Count > 0)
            await AuditReferenceRows.SaveWithAsync(db, RowsOf(entry.Id, added), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return completed > 0;
    }

    /// <summary>A write (not an intake) that lacks its flow, subject or cause and has a conversation to find them by.</summary>
    static bool NeedsIntake(AuditEntry entry) =>
        entry.System != AuditSystems.Intake && entry.ConversationId is not null && (entry.CausedBy is null || entry.Flow is null || entry.Subject is null);

    static AuditEntry WithIntake(AuditEntry entry, AuditEntry intake) =>
        entry with { CausedBy = entry.CausedBy ?? intake.CausedBy, Flow = entry.Flow ?? intake.Flow, Subject = entry.Subject ?? intake.Subject };

    /// <summary>The first intake entry of the conversation: the event that began it.</summary>
    static Task<AuditEntry?> IntakeOfAsync(AuditDbContext db, Guid conversation, CancellationToken cancellationToken) =>
        db.Entries.AsNoTracking()
            .Where(e => e.ConversationId == conversation && e.System == AuditSystems.Intake)
            .OrderBy(e => e.At)
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>The writes of <paramref name="conversations"/> recorded before their intake get its flow, subject and cause (rare: none, mostly).</summary>
    static async Task GiveIntakesToEarlierWritesAsync(AuditDbContext db, List<Guid?> conversations, CancellationToken cancellationToken)
    {
        var waiting = await db.Entries.AsNoTracking()
            .Where(e => conversations.Contains(e.ConversationId) && e.System != AuditSystems.Intake
                        && (e.CausedBy == null || e.Flow == null || e.Subject == null))
            .Select(e => new { e.Id, e.ConversationId })
            .ToListAsync(cancellationToken);
        foreach (var write in waiting)
            if (await IntakeOfAsync(db, write.ConversationId!.Value, cancellationToken) is { } intake)
                await GiveIntakeAsync(db, write.Id, intake, cancellationToken);
    }

    /// <summary>Fills the write's missing flow, subject and cause from <paramref name="intake"/>, with the references they add.</summary>
    static async Task GiveIntakeAsync(AuditDbContext db, Guid writeId, AuditEntry intake, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await db.Entries.AsNoTracking().FirstOrDefaultAsync(e => e.Id == writeId, cancellationToken) is not { } write || !NeedsIntake(write))
            return;
        var completed = WithIntake(write, intake);
        var known = await db.References.Where(r => r.EntryId == writeId).Select(r => r.Reference).ToListAsync(cancellationToken);
        var added = ReferencesOf(completed).Except(known, StringComparer.Ordinal).ToList();
        var all = AuditEssentials.Cut(string.Join(' ', known.Concat(added)))!;
        await db.Entries.Where(e => e.Id == writeId).ExecuteUpdateAsync(set => set
            .SetProperty(e => e.CausedBy, completed.CausedBy)
            .SetProperty(e => e.Flow, completed.Flow)
            .SetProperty(e => e.Subject, completed.Subject)
            .SetProperty(e => e.References, all), cancellationToken);
        if (added.Count > 0)
        {
            try
            {
                await AuditReferenceRows.SaveWithAsync(db, RowsOf(writeId, added), cancellationToken);
            }
            catch (DbUpdateException e) when (ConcurrencyConflicts.IsUniqueViolation(e))
            {
                // The write's own recheck and the intake's look both filled it: the other one's references stand.
                db.ChangeTracker.Clear();
                return;
            }
        }
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Adds the entry, with its references as one text, to <paramref name="db"/>; the references, for their rows.</summary>
    static List<string> Add(AuditDbContext db, AuditEntry entry)
    {
        var references = ReferencesOf(entry);
        db.Entries.Add(entry with { References = AuditEssentials.Cut(string.Join(' ', references))! });
        return references;
    }

    static List<AuditReference> RowsOf(Guid entryId, IEnumerable<string> references) =>
        references.Select(r => new AuditReference { Reference = r, EntryId = entryId }).ToList();

    /// <summary>Every id the entry is about: its own references, its subject (and the subject's key), its cause.</summary>
    static List<string> ReferencesOf(AuditEntry entry)
    {
        var references = entry.References.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        if (entry.Subject is { } subject)
        {
            references.Add(subject);
            if (subject.IndexOf(':') is var colon and > 0 && colon < subject.Length - 1)
                references.Add(subject[(colon + 1)..]);
        }
        if (entry.CausedBy is { } cause)
            references.Add(cause);
        return references.Where(r => r.Length <= 200).Distinct(StringComparer.Ordinal).ToList();
    }
}
