namespace Payments.Domain.Customers;

public enum FieldDecisionKind
{
    /// <summary>The field took the incoming value; it is written to the other systems that keep it.</summary>
    Applied,
    /// <summary>The incoming value is the one applied already: nothing to write.</summary>
    Unchanged,
    /// <summary>The incoming system may not change this field (another system owns it).</summary>
    NotOwned,
    /// <summary>Older than what is applied, or than what the same system has reported since: never overwrites.</summary>
    Stale,
    /// <summary>The system reports what it reported before: not a change made there (a whole record repeats unchanged fields).</summary>
    NotChangedAtSource,
    /// <summary>As old as the applied value, which the tie-break kept.</summary>
    LostTie,
}

/// <summary>What happened to one field of an update, and why, in words.</summary>
public sealed record FieldDecision(CustomerField Field, FieldDecisionKind Kind, string? From, string? To, string Reason, bool TieBroken = false);

/// <summary>A field to write to a system, with the value it gets (null: clear it).</summary>
public sealed record FieldChange(CustomerField Field, string? Value);

/// <summary>The fields to write to one system.</summary>
public sealed record TargetChanges(CustomerSystem Target, IReadOnlyList<FieldChange> Fields);

/// <summary>
/// The record after an update, a decision for every field the update reported, and the changes to write to each other system
/// (only systems with something to write, in <see cref="CustomerSystem"/> order).
/// </summary>
public sealed record CustomerMergeResult(CustomerRecord Record, IReadOnlyList<FieldDecision> Decisions, IReadOnlyList<TargetChanges> Changes)
{
    public bool HasChanges => Changes.Count > 0;

    /// <summary>
    /// Two values of one field carried the same stamp: the tie-break decided, deterministically but without knowing; reading the
    /// customer from its source settles it (issue 14: "when in doubt, read the current record from the source").
    /// </summary>
    public bool ReadBackAdvised => Decisions.Any(d => d.TieBroken);

    public TargetChanges? For(CustomerSystem target) => Changes.FirstOrDefault(c => c.Target == target);
}

/// <summary>
/// Merges what one system says about a customer into the record, field by field, and says what to write where. Pure: it writes
/// nothing and keeps nothing; the caller stores the record it returns once the changes are written (or quarantines the update).
/// For each field the update reports, in this order:
/// <list type="number">
/// <item>a value older than a different one the same system has reported since is <see cref="FieldDecisionKind.Stale"/>;</item>
/// <item>a system that may not change the field (<see cref="FieldOwnership"/>) is ignored: <see cref="FieldDecisionKind.NotOwned"/>
/// (what it holds is remembered all the same);</item>
/// <item>a value the system is not changing (outside its change list, or the same as it reported last) is
/// <see cref="FieldDecisionKind.NotChangedAtSource"/>: a whole record that still shows an old value must not undo a newer change
/// made elsewhere, and our own write coming back is no news;</item>
/// <item>the applied value again is <see cref="FieldDecisionKind.Unchanged"/> (its stamp stays: a later-arriving genuine change of
/// the same moment must not look stale);</item>
/// <item>a value older than the applied one is <see cref="FieldDecisionKind.Stale"/>;</item>
/// <item>a value of the same moment (time and version) as the applied one is a tie: the preferred writer wins (the first in the
/// rule), then the larger reference, then the larger value, so every arrival order ends with the same record; the decision says
/// it was a tie;</item>
/// <item>otherwise the value is <see cref="FieldDecisionKind.Applied"/> and written to every other system that keeps the field.</item>
/// </list>
/// Each field stands alone, so two updates of different fields both apply, in any order.
/// </summary>
public static class CustomerMerge
{
    public static CustomerMergeResult Apply(CustomerRecord current, CustomerUpdate incoming, FieldOwnership ownership)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(incoming);
        ArgumentNullException.ThrowIfNull(ownership);

        var record = current;
        var decisions = new List<FieldDecision>();
        var writes = new SortedDictionary<CustomerSystem, List<FieldChange>>();
        var source = incoming.Source;
        var stamp = incoming.Stamp;

        foreach (var (field, raw) in incoming.Values.OrderBy(v => v.Key))
        {
            var value = CustomerFieldValues.Normalise(field, raw);
            var name = CustomerFields.Describe(field);
            var applied = record.Applied(field);
            var seen = record.Seen(source, field);
            var rule = ownership.RuleFor(field);

            // Only a different value reported since makes this one stale: a later record that still shows it confirms it.
            if (seen is not null && seen.Stamp > stamp && !seen.Stamp.SameMomentAs(stamp) && !string.Equals(seen.Value, value, StringComparison.Ordinal))
            {
                decisions.Add(new(field, FieldDecisionKind.Stale, applied?.Value, value,
                    $"stale: {source} reported the {name} at {seen.Stamp}, after this value of {stamp}"));
                continue;
            }
            if (seen is null || stamp >= seen.Stamp)
                record = record.WithSeen(source, field, new SeenValue(value, stamp));

            if (!rule.Writers.Contains(source))
            {
                decisions.Add(new(field, FieldDecisionKind.NotOwned, applied?.Value, value,
                    $"{Owners(rule)} the {name}; {source}'s value is not applied"));
                continue;
            }

            var changedAtSource = incoming.Changed is { } changed
                ? changed.Contains(field)
                : seen is null || !string.Equals(seen.Value, value, StringComparison.Ordinal);
            if (!changedAtSource)
            {
                decisions.Add(new(field, FieldDecisionKind.NotChangedAtSource, applied?.Value, value,
                    incoming.Changed is null
                        ? $"{source} reports the {name} it reported before ({seen!.Stamp}); not a change made there"
                        : $"{source} did not change the {name} in this update"));
                continue;
            }

            if (applied is not null && string.Equals(applied.Value, value, StringComparison.Ordinal))
            {
                decisions.Add(new(field, FieldDecisionKind.Unchanged, applied.Value, value, $"the {name} is already this value"));
                continue;
            }

            var tie = false;
            if (applied is not null)
            {
                if (stamp.SameMomentAs(applied.Stamp))
                {
                    tie = true;
                    if (!WinsTie(rule, source, stamp, value, applied))
                    {
                        decisions.Add(new(field, FieldDecisionKind.LostTie, applied.Value, value,
                            $"tie: {source}'s {name} has the same stamp ({stamp}) as the applied one from {applied.Source}; the tie-break kept the applied one — read the customer from its source to be sure",
                            TieBroken: true));
                        continue;
                    }
                }
                else if (stamp < applied.Stamp)
                {
                    decisions.Add(new(field, FieldDecisionKind.Stale, applied.Value, value,
                        $"stale: {source}'s {name} of {stamp} is older than the applied one of {applied.Stamp} from {applied.Source}"));
                    continue;
                }
            }

            record = record.WithApplied(field, new AppliedValue(value, source, stamp));
            // Every other keeper is written, even one that once reported this value: we do not know what it holds since.
            var targets = rule.Keepers.Where(k => k != source).Order().ToList();
            foreach (var target in targets)
            {
                if (!writes.TryGetValue(target, out var list)) writes[target] = list = [];
                list.Add(new FieldChange(field, value));
            }
            var where = targets.Count == 0 ? "nothing to write elsewhere" : "to write to " + string.Join(", ", targets);
            decisions.Add(new(field, FieldDecisionKind.Applied, applied?.Value, value,
                tie
                    ? $"tie: {source}'s {name} has the same stamp ({stamp}) as the applied one from {applied!.Source}; the tie-break took it — read the customer from its source to be sure; {where}"
                    : $"{source} changed the {name} at {stamp}; {where}",
                TieBroken: tie));
        }

        return new CustomerMergeResult(record, decisions, writes.Select(w => new TargetChanges(w.Key, w.Value)).ToList());
    }

    /// <summary>
    /// A system's answer to our own write: each field written is remembered as what <paramref name="system"/> holds at its stamp of the
    /// write (seen there, not applied: it is the record's value when the write was sent). The system's later report of that value is then
    /// no news, and a different value stamped before the write — an earlier write of ours read back late — is stale. Without it such a late
    /// read, stamped by the system's clock after a newer change whose source stamps whole seconds (Stripe), would undo that change.
    /// A field the system reported at a later stamp keeps that report.
    /// </summary>
    public static CustomerRecord Acknowledge(CustomerRecord current, CustomerSystem system, SourceStamp stamp, IReadOnlyDictionary<CustomerField, string?> written)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(written);
        var record = current;
        foreach (var (field, raw) in written)
        {
            if (record.Seen(system, field) is { } seen && seen.Stamp > stamp) continue;
            record = record.WithSeen(system, field, new SeenValue(CustomerFieldValues.Normalise(field, raw), stamp));
        }
        return record;
    }

    static string Owners(FieldRule rule) =>
        rule.Writers.Count == 1 ? $"{rule.Writers[0]} owns" : $"{string.Join(" and ", rule.Writers)} own";

    /// <summary>Same moment: the writer listed first wins, then the larger reference, then the larger value (ordinal).</summary>
    static bool WinsTie(FieldRule rule, CustomerSystem source, SourceStamp stamp, string? value, AppliedValue applied)
    {
        var byWriter = Rank(rule, applied.Source).CompareTo(Rank(rule, source));
        if (byWriter != 0) return byWriter > 0;
        var byReference = string.CompareOrdinal(stamp.Reference ?? "", applied.Stamp.Reference ?? "");
        if (byReference != 0) return byReference > 0;
        return string.CompareOrdinal(value ?? "", applied.Value ?? "") > 0;
    }

    static int Rank(FieldRule rule, CustomerSystem system)
    {
        var index = rule.Writers.ToList().IndexOf(system);
        return index < 0 ? int.MaxValue : index;
    }
}
