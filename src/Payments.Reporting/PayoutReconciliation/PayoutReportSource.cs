using Microsoft.EntityFrameworkCore;

namespace Payments.Reporting.PayoutReconciliation;

/// <summary>
/// Where a payout's report comes from: the payout-reconciliation saga's row in the sagas' database (table <c>PayoutState</c>) and the
/// payout's balance transactions in the Stripe service's (table <c>PayoutTransactionLine</c>), read with plain SQL on any provider's
/// <see cref="DbContext"/>, so a reader needs neither service's model, only read access.
/// </summary>
public static class PayoutReportSource
{
    /// <summary>The saga's row of <paramref name="payoutId"/>, or null when the flow has never heard of it.</summary>
    public static async Task<PayoutStateRow?> ReadStateAsync(DbContext sagas, string payoutId, CancellationToken cancellationToken)
    {
        // Quoted identifiers read the same on SQLite, PostgreSQL and SQL Server; the value is a parameter.
        var rows = await sagas.Database.SqlQuery<PayoutStateRow>($"""
                SELECT "PayoutId", "CurrentState", "AmountMinor", "Currency", "Status", "Automatic", "ArrivalDate", "Description",
                       "FailureCode", "FailureMessage", "Run", "Totals", "Flags", "FlagCount", "JournalNumber", "Period", "JournalLines",
                       "Conversions", "ReversalJournalNumber", "FailedStep", "FailureReason", "UpdatedAt"
                FROM "PayoutState" WHERE "PayoutId" = {payoutId}
                """)
            .ToListAsync(cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <summary>The payout's balance transactions in the order Stripe created them, read row by row as the writer asks.</summary>
    public static IAsyncEnumerable<PayoutReportLine> Lines(DbContext stripe, string payoutId, CancellationToken cancellationToken) =>
        stripe.Database.SqlQuery<PayoutTransactionLineRow>($"""
                SELECT "PayoutId", "BalanceTransactionId", "Type", "ReportingCategory", "Category", "AmountMinor", "FeeMinor", "NetMinor",
                       "Currency", "Fees", "SourceId", "ChargeId", "P21OrderNo", "ZnodeOrderNumber", "OriginalCurrency", "OriginalAmountMinor",
                       "ExchangeRate", "Created", "Description"
                FROM "PayoutTransactionLine" WHERE "PayoutId" = {payoutId}
                ORDER BY "Created", "BalanceTransactionId"
                """)
            .AsAsyncEnumerable()
            .Select(PayoutReportLine.From);
}
