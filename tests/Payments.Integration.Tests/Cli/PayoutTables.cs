using Microsoft.EntityFrameworkCore;
using Payments.Contracts.Shared;
using Payments.Persistence.Configuration;

namespace Payments.Integration.Tests.Cli;

/// <summary>
/// The two tables <c>payments payouts</c> reads, created here with exactly the columns docs pin for them (the sagas' <c>PayoutState</c>,
/// the Stripe service's <c>PayoutTransactionLine</c>) in the types EF Core gives those columns on each provider, and rows put in
/// as the flow would leave them.
/// </summary>
static class PayoutTables
{
    enum Kind { Text, Long, Int, Bool, Time, Decimal, Uuid }

    static readonly (string Name, Kind Kind, bool Null)[] PayoutState =
    [
        ("CorrelationId", Kind.Uuid, false), ("CurrentState", Kind.Text, false), ("Version", Kind.Int, false), ("Subject", Kind.Text, false),
        ("FailedStep", Kind.Text, true), ("FailureReason", Kind.Text, true), ("FailedAt", Kind.Time, true),
        ("CreatedAt", Kind.Time, false), ("UpdatedAt", Kind.Time, false),
        ("PayoutId", Kind.Text, false), ("AmountMinor", Kind.Long, false), ("Currency", Kind.Text, false), ("Status", Kind.Text, false),
        ("Automatic", Kind.Bool, false), ("ReconciliationStatus", Kind.Text, false), ("ArrivalDate", Kind.Time, false),
        ("Description", Kind.Text, true), ("LastReportedAt", Kind.Time, false), ("LastStripeEventId", Kind.Text, true),
        ("FailureCode", Kind.Text, true), ("FailureMessage", Kind.Text, true), ("FailureReportedAt", Kind.Time, true), ("Run", Kind.Int, false),
        ("ListedAt", Kind.Time, true), ("Totals", Kind.Text, true), ("Flags", Kind.Text, false), ("FlagCount", Kind.Int, false),
        ("JournalNumber", Kind.Text, true), ("Period", Kind.Text, true), ("JournalLines", Kind.Text, false), ("Conversions", Kind.Text, false),
        ("Fingerprint", Kind.Text, true), ("PostedAt", Kind.Time, true), ("ReversalJournalNumber", Kind.Text, true), ("ReversedAt", Kind.Time, true),
        ("SettlementAlertTokenId", Kind.Uuid, true), ("SettlementAlertedAt", Kind.Time, true),
    ];

    static readonly (string Name, Kind Kind, bool Null)[] PayoutTransactionLine =
    [
        ("PayoutId", Kind.Text, false), ("BalanceTransactionId", Kind.Text, false), ("Run", Kind.Int, false), ("Type", Kind.Text, false),
        ("ReportingCategory", Kind.Text, true), ("Category", Kind.Text, false), ("AmountMinor", Kind.Long, false), ("FeeMinor", Kind.Long, false),
        ("NetMinor", Kind.Long, false), ("Currency", Kind.Text, false), ("Fees", Kind.Text, true), ("SourceId", Kind.Text, true),
        ("ChargeId", Kind.Text, true), ("P21OrderNo", Kind.Text, true), ("ZnodeOrderNumber", Kind.Text, true), ("OriginalCurrency", Kind.Text, true),
        ("OriginalAmountMinor", Kind.Long, true), ("ExchangeRate", Kind.Decimal, true), ("Created", Kind.Time, false), ("Description", Kind.Text, true),
    ];

    public static Task CreatePayoutStateAsync(DbContext sagas, DatabaseProvider provider) =>
        CreateAsync(sagas, provider, "PayoutState", PayoutState, "\"CorrelationId\"");

    public static async Task CreatePayoutTransactionLineAsync(DbContext stripe, DatabaseProvider provider)
    {
        await CreateAsync(stripe, provider, "PayoutTransactionLine", PayoutTransactionLine, "\"PayoutId\", \"BalanceTransactionId\"");
        await stripe.Database.ExecuteSqlRawAsync(
            """CREATE INDEX "IX_PayoutTransactionLine_PayoutId_Created" ON "PayoutTransactionLine" ("PayoutId", "Created")""");
    }

    static async Task CreateAsync(DbContext db, DatabaseProvider provider, string table, (string Name, Kind Kind, bool Null)[] columns, string key)
    {
        // DDL from this class's own constants: nothing from outside goes into the statement.
        var definitions = columns.Select(c => $"\"{c.Name}\" {Type(provider, c.Kind)}{(c.Null ? "" : " NOT NULL")}");
        var statement = $"CREATE TABLE \"{table}\" ({string.Join(", ", definitions)}, PRIMARY KEY ({key}))";
        await db.Database.ExecuteSqlRawAsync(statement);
    }

    static string Type(DatabaseProvider provider, Kind kind) => provider switch
    {
        DatabaseProvider.Postgres => kind switch
        {
            Kind.Long => "bigint",
            Kind.Int => "integer",
            Kind.Bool => "boolean",
            Kind.Time => "timestamp with time zone",
            Kind.Decimal => "numeric",
            Kind.Uuid => "uuid",
            _ => "text",
        },
        // EF Core's SQLite types: integers and booleans INTEGER, the rest (times, decimals, GUIDs) TEXT.
        _ => kind is Kind.Long or Kind.Int or Kind.Bool ? "INTEGER" : "TEXT",
    };

    /// <summary>A payout's saga row; the JSON columns as the saga writes them (System.Text.Json, PascalCase).</summary>
    public static async Task AddPayoutAsync(DbContext sagas, string payoutId, string state, long amountMinor, string currency, DateTime arrival,
        string? totals = null, string flags = "[]", int flagCount = 0, string? journal = null, string? period = null, string journalLines = "[]",
        string conversions = "[]", int run = 1)
    {
        var id = CorrelationKey.StripePayout(payoutId).ToGuid();
        var subject = CorrelationKey.StripePayout(payoutId).ToString();
        var now = DateTime.UtcNow;
        await sagas.Database.ExecuteSqlAsync($"""
            INSERT INTO "PayoutState" ("CorrelationId", "CurrentState", "Version", "Subject", "CreatedAt", "UpdatedAt", "PayoutId", "AmountMinor",
                "Currency", "Status", "Automatic", "ReconciliationStatus", "ArrivalDate", "Description", "LastReportedAt", "Run", "Totals", "Flags",
                "FlagCount", "JournalNumber", "Period", "JournalLines", "Conversions")
            VALUES ({id}, {state}, {1}, {subject}, {now}, {now}, {payoutId}, {amountMinor}, {currency}, {"paid"}, {true}, {"completed"}, {arrival},
                {"STRIPE PAYOUT"}, {now}, {run}, {totals}, {flags}, {flagCount}, {journal}, {period}, {journalLines}, {conversions})
            """);
    }

    public static async Task AddLineAsync(DbContext stripe, string payoutId, string id, string category, long amount, long fee, DateTime created,
        string? charge = null, string? p21 = null, string? znode = null, (string Currency, long Amount, decimal Rate)? original = null,
        string? description = null, string currency = "USD")
    {
        var type = category == "dispute_withdrawal" ? "adjustment" : category;
        string? fees = fee == 0 ? null : $"stripe_fee={fee}";
        await stripe.Database.ExecuteSqlAsync($"""
            INSERT INTO "PayoutTransactionLine" ("PayoutId", "BalanceTransactionId", "Run", "Type", "ReportingCategory", "Category", "AmountMinor",
                "FeeMinor", "NetMinor", "Currency", "Fees", "SourceId", "ChargeId", "P21OrderNo", "ZnodeOrderNumber", "OriginalCurrency",
                "OriginalAmountMinor", "ExchangeRate", "Created", "Description")
            VALUES ({payoutId}, {id}, {1}, {type}, {category}, {category}, {amount}, {fee}, {amount - fee}, {currency}, {fees}, {charge}, {charge},
                {p21}, {znode}, {original?.Currency}, {original?.Amount}, {original?.Rate}, {created}, {description})
            """);
    }
}
