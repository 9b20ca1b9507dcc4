namespace Payments.Domain.Reconciliation;

/// <summary>
/// What a <see cref="PayoutAccumulator"/> holds, as plain data a flow can store between pages (a JSON column, a saga
/// property) together with the cursor it reached, so paging resumes after a restart without a long database transaction
/// and without reading the pages already added. Its size depends on the categories, fee kinds and currencies met, and on
/// the charges still without an order, never on the number of transactions.
/// </summary>
public sealed record PayoutAccumulatorState(
    int Count,
    long NetMinor,
    long? OwnTransactionAmountMinor,
    IReadOnlyList<GrossTotalState> Gross,
    IReadOnlyDictionary<string, long> Fees,
    IReadOnlyList<PayoutFlag> UnknownOrders,
    string? LastTransactionId);

/// <summary>One <see cref="GrossTotal"/> with its key.</summary>
public sealed record GrossTotalState(
    TransactionCategory Category,
    string Type,
    string Currency,
    long SettlementMinor,
    long OriginalMinor,
    int Count,
    int ConvertedCount,
    decimal? MinRate,
    decimal? MaxRate);
