using System.Runtime.CompilerServices;
using System.Text.Json;
using Payments.Contracts.PayoutReconciliation;
using Payments.Reporting.PayoutReconciliation;

namespace Payments.Cli.Tests.PayoutReconciliation;

/// <summary>
/// A flagged USD payout of 90.57 as the saga keeps it (JSON columns written with System.Text.Json's defaults, as the saga does) and
/// its four balance transactions as the Stripe service keeps them: a sale of 150.00 (fee 4.65), a refund of 30.00, a dispute of
/// 20.00 (fee 15.00) and a sale of 10.00 EUR settled at 1.083 whose charge has no order. Their nets sum to the payout.
/// </summary>
static class PayoutReports
{
    public const string PayoutId = "po_1RecOnCiLe";

    public static PayoutStateRow FlaggedRow() => new()
    {
        PayoutId = PayoutId,
        CurrentState = "Flagged",
        AmountMinor = 9057,
        Currency = "USD",
        Status = "paid",
        Automatic = true,
        ArrivalDate = new DateTime(2026, 11, 30, 0, 0, 0, DateTimeKind.Utc),
        Description = "STRIPE PAYOUT",
        Run = 1,
        Totals = JsonSerializer.Serialize(new PayoutTotals
        {
            Count = 4,
            NetMinor = 9057,
            OwnTransactionAmountMinor = -9057,
            Gross =
            [
                Gross("charge", "charge", "USD", 15000),
                Gross("charge", "charge", "EUR", 1083, original: 1000, rate: 1.083m),
                Gross("refund", "refund", "USD", -3000),
                Gross("dispute_withdrawal", "adjustment", "USD", -2000),
            ],
            Fees = new Dictionary<string, long> { ["stripe_fee"] = 2026 },
            LastTransactionId = "txn_4",
        }),
        Flags = JsonSerializer.Serialize(new List<PayoutFlagItem>
        {
            new() { Kind = "UnknownOrder", Reason = "Charge ch_3 (charge, balance transaction txn_4) has no known order.", BalanceTransactionId = "txn_4", ChargeId = "ch_3" },
        }),
        FlagCount = 1,
        JournalLines = "[]",
        Conversions = JsonSerializer.Serialize(new List<PayoutCurrencyConversion>
        {
            new() { OriginalCurrency = "EUR", OriginalAmount = 10.00m, SettlementAmount = 10.83m, EffectiveRate = 1.083m, MinRate = 1.083m, MaxRate = 1.083m, Count = 1 },
        }),
        UpdatedAt = new DateTime(2026, 11, 30, 6, 0, 0, DateTimeKind.Utc),
    };

    /// <summary>The same payout once posted: no flags, a balanced journal.</summary>
    public static PayoutStateRow PostedRow()
    {
        var row = FlaggedRow();
        row.CurrentState = "Posted";
        row.Flags = "[]";
        row.FlagCount = 0;
        row.JournalNumber = "GL-000042";
        row.Period = "2026-11";
        row.JournalLines = JsonSerializer.Serialize(new List<PayoutJournalLine>
        {
            new() { Account = "1010-00", Amount = 90.57m, Description = "Stripe payout to bank" },
            new() { Account = "6150-00", Amount = 20.26m, Description = "Fees: stripe_fee" },
            new() { Account = "1200-00", Amount = 30.00m, Description = "Refunds" },
            new() { Account = "1210-00", Amount = 20.00m, Description = "Dispute withdrawals" },
            new() { Account = "4000-00", Amount = -150.00m, Description = "Sales USD" },
            new() { Account = "4000-00", Amount = -10.83m, Description = "Sales EUR", ForeignAmount = -10.00m, ForeignCurrency = "EUR" },
        });
        return row;
    }

    public static IReadOnlyList<PayoutTransactionLineRow> Lines() =>
    [
        Line("txn_1", "charge", "charge", "charge", 15000, 465, "ch_1", p21: "1001", description: "Order 1001"),
        Line("txn_2", "refund", "refund", "refund", -3000, 0, "ch_1", p21: "1001", source: "re_2"),
        Line("txn_3", "adjustment", "dispute", "dispute_withdrawal", -2000, 1500, "ch_2", p21: "1002", znode: "ZN-9", source: "du_3"),
        Line("txn_4", "charge", "charge", "charge", 1083, 61, "ch_3", original: ("EUR", 1000, 1.083m)),
    ];

    public static PayoutTransactionLineRow Line(string id, string type, string reporting, string category, long amount, long fee, string? charge,
        string? p21 = null, string? znode = null, string? source = null, (string Currency, long Amount, decimal Rate)? original = null,
        string? description = null, string currency = "USD") => new()
        {
            PayoutId = PayoutId,
            BalanceTransactionId = id,
            Type = type,
            ReportingCategory = reporting,
            Category = category,
            AmountMinor = amount,
            FeeMinor = fee,
            NetMinor = amount - fee,
            Currency = currency,
            Fees = fee == 0 ? null : $"stripe_fee={fee};tax=0",
            SourceId = source ?? charge,
            ChargeId = charge,
            P21OrderNo = p21,
            ZnodeOrderNumber = znode,
            OriginalCurrency = original?.Currency,
            OriginalAmountMinor = original?.Amount,
            ExchangeRate = original?.Rate,
            Created = new DateTime(2026, 11, 27, 10, 0, 0, DateTimeKind.Utc).AddMinutes(int.Parse(id.AsSpan(4))),
            Description = description,
        };

    public static async IAsyncEnumerable<PayoutReportLine> Stream(IEnumerable<PayoutTransactionLineRow> rows,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var row in rows)
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            yield return PayoutReportLine.From(row);
        }
    }

    static PayoutGrossTotal Gross(string category, string type, string currency, long settlement, long? original = null, decimal? rate = null) => new()
    {
        Category = category,
        Type = type,
        Currency = currency,
        SettlementMinor = settlement,
        OriginalMinor = original ?? settlement,
        Count = 1,
        ConvertedCount = rate is null ? 0 : 1,
        MinRate = rate,
        MaxRate = rate,
    };
}
