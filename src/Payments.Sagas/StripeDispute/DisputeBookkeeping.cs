using System.Text.Json;
using Payments.Contracts.StripeDispute;
using Payments.Domain.Disputes;

namespace Payments.Sagas.StripeDispute;

/// <summary>A balance transaction as the saga keeps it: as Stripe listed it, and the time of the first snapshot that listed it.</summary>
public sealed record KnownBalanceTransaction(string Id, long AmountMinor, long FeeMinor, string Currency, string ReportingCategory, DateTimeOffset SeenAt)
{
    public DisputeTransaction Transaction => new(Id, AmountMinor, FeeMinor, Currency, ReportingCategory);
}

/// <summary>Reads and writes what <see cref="DisputeState"/> keeps as text: the balance transactions seen, and the ids asked for and booked.</summary>
public static class DisputeBookkeeping
{
    public static IReadOnlyList<KnownBalanceTransaction> Known(DisputeState saga) =>
        JsonSerializer.Deserialize<List<KnownBalanceTransaction>>(saga.BalanceTransactions) ?? [];

    /// <summary>Adds the snapshot's balance transactions not seen before; returns how many were new.</summary>
    public static int Merge(DisputeState saga, IEnumerable<DisputeBalanceTransaction> listed, DateTimeOffset seenAt)
    {
        var known = Known(saga).ToList();
        var added = 0;
        foreach (var t in listed)
        {
            if (known.Any(k => k.Id == t.Id)) continue;
            known.Add(new KnownBalanceTransaction(t.Id, t.AmountMinor, t.FeeMinor, t.Currency.ToUpperInvariant(), t.ReportingCategory, seenAt));
            added++;
        }
        if (added > 0) saga.BalanceTransactions = JsonSerializer.Serialize(known);
        return added;
    }

    /// <summary>
    /// How <see cref="DisputeState.HoldNote"/> starts when the P21 order was already on hold when the dispute asked for its hold
    /// (<see cref="P21OrderHeldForDispute.PlacedHold"/> false): the hold is someone else's, and the dispute never releases it.
    /// </summary>
    public const string HoldNotPlacedNote = "the hold is not the dispute's:";

    /// <summary>Whether the hold on the P21 order (if any) is the dispute's own, hence one it may release.</summary>
    public static bool PlacedHold(DisputeState saga) => saga.HoldNote?.StartsWith(HoldNotPlacedNote, StringComparison.Ordinal) != true;

    public static IReadOnlySet<string> Ids(string list) => list.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);

    public static string With(string list, string id) => Ids(list).Contains(id) ? list : (list.Length == 0 ? id : $"{list} {id}");

    public static DisputeProgress Progress(DisputeState saga) => new()
    {
        Requested = Ids(saga.RequestedBalanceTransactionIds),
        Booked = Ids(saga.BookedBalanceTransactionIds),
        HasP21Order = saga.P21OrderNo is not null,
        HoldRequested = saga.HoldRequestedAt is not null,
        Held = saga.HeldAt is not null,
        PlacedHold = PlacedHold(saga),
        ReleaseRequested = saga.ReleaseRequestedAt is not null,
        Released = saga.ReleasedAt is not null,
    };
}
