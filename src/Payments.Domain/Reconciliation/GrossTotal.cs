namespace Payments.Domain.Reconciliation;

/// <summary>
/// The running total of one (category, type, original currency): the signed settlement amount in minor units and, when
/// the money was converted, the signed original amount and the range of exchange rates seen. A handful of numbers per
/// key, however many transactions are added.
/// </summary>
public sealed class GrossTotal
{
    public long SettlementMinor { get; private set; }
    public long OriginalMinor { get; private set; }
    public int Count { get; private set; }
    public int ConvertedCount { get; private set; }
    public decimal? MinRate { get; private set; }
    public decimal? MaxRate { get; private set; }

    internal static GrossTotal From(GrossTotalState state) => new()
    {
        SettlementMinor = state.SettlementMinor,
        OriginalMinor = state.OriginalMinor,
        Count = state.Count,
        ConvertedCount = state.ConvertedCount,
        MinRate = state.MinRate,
        MaxRate = state.MaxRate,
    };

    internal GrossTotalState ToState(AccountKey key) =>
        new(key.Category, key.Type, key.Currency, SettlementMinor, OriginalMinor, Count, ConvertedCount, MinRate, MaxRate);

    internal void Add(long settlementMinor, long? originalMinor, decimal? rate)
    {
        SettlementMinor = checked(SettlementMinor + settlementMinor);
        Count++;
        if (originalMinor is not { } original || rate is not { } r) return;
        OriginalMinor = checked(OriginalMinor + original);
        ConvertedCount++;
        MinRate = MinRate is { } min && min <= r ? min : r;
        MaxRate = MaxRate is { } max && max >= r ? max : r;
    }
}
