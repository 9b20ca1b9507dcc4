using Microsoft.EntityFrameworkCore;
using Payments.Contracts.Shared;
using Payments.Persistence.Configuration;

namespace Payments.Cli.Tests;

/// <summary>
/// The sagas' <c>CustomerState</c> and <c>SubscriptionState</c> tables with the columns docs/brief pin for them (FlowState's and the
/// flow's own), in the types EF Core gives those columns on each provider, and rows put in as the flows would leave them.
/// </summary>
static class SagaTables
{
    enum Kind { Text, Long, Int, Bool, Time, Uuid }

    static readonly (string Name, Kind Kind, bool Null)[] FlowState =
    [
        ("CorrelationId", Kind.Uuid, false), ("CurrentState", Kind.Text, false), ("Version", Kind.Int, false), ("Subject", Kind.Text, false),
        ("FailedStep", Kind.Text, true), ("FailureReason", Kind.Text, true), ("FailedAt", Kind.Time, true),
        ("CreatedAt", Kind.Time, false), ("UpdatedAt", Kind.Time, false),
    ];

    static readonly (string Name, Kind Kind, bool Null)[] CustomerState =
    [
        .. FlowState,
        ("StripeCustomerId", Kind.Text, false), ("P21CustomerId", Kind.Long, true), ("ZnodeUserId", Kind.Int, true), ("Record", Kind.Text, true),
        ("Revision", Kind.Long, false), ("LinkVersion", Kind.Long, false), ("LinkedBy", Kind.Text, true), ("LinkedAt", Kind.Time, true),
        ("UnlinkedAt", Kind.Time, true), ("LastStripeEventId", Kind.Text, true), ("LastReportedAt", Kind.Time, true),
        ("QuarantinedSystem", Kind.Text, true), ("QuarantinedStep", Kind.Text, true), ("QuarantineReason", Kind.Text, true),
        ("QuarantinedRevision", Kind.Long, true), ("LastDecisions", Kind.Text, true),
    ];

    static readonly (string Name, Kind Kind, bool Null)[] SubscriptionState =
    [
        .. FlowState,
        ("SubscriptionId", Kind.Text, false), ("StripeCustomerId", Kind.Text, false), ("Status", Kind.Text, true), ("Currency", Kind.Text, true),
        ("Items", Kind.Text, true), ("CurrentPeriodStart", Kind.Time, true), ("CurrentPeriodEnd", Kind.Time, true), ("CancelAtPeriodEnd", Kind.Bool, false),
        ("CanceledAt", Kind.Time, true), ("EndedAt", Kind.Time, true), ("CancellationReason", Kind.Text, true), ("LastReportedAt", Kind.Time, true),
        ("LastStripeEventId", Kind.Text, true), ("Invoices", Kind.Text, true), ("InvoicesPosted", Kind.Int, false),
    ];

    public static Task CreateCustomerStateAsync(DbContext sagas, DatabaseProvider provider) => CreateAsync(sagas, provider, "CustomerState", CustomerState);

    public static Task CreateSubscriptionStateAsync(DbContext sagas, DatabaseProvider provider) => CreateAsync(sagas, provider, "SubscriptionState", SubscriptionState);

    static async Task CreateAsync(DbContext db, DatabaseProvider provider, string table, (string Name, Kind Kind, bool Null)[] columns)
    {
        // DDL from this class's own constants: nothing from outside goes into the statement.
        var definitions = columns.Select(c => $"\"{c.Name}\" {Type(provider, c.Kind)}{(c.Null ? "" : " NOT NULL")}");
        var statement = $"CREATE TABLE \"{table}\" ({string.Join(", ", definitions)}, PRIMARY KEY (\"CorrelationId\"))";
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
            Kind.Uuid => "uuid",
            _ => "text",
        },
        _ => kind is Kind.Long or Kind.Int or Kind.Bool ? "INTEGER" : "TEXT",
    };

    /// <summary>A customer's link record; <paramref name="record"/> and <paramref name="decisions"/> as the saga writes them (PascalCase JSON).</summary>
    public static async Task AddCustomerAsync(DbContext sagas, string cus, long? p21, int? znode, string state = "Active", string? record = null,
        string? linkedBy = "email", DateTime? unlinkedAt = null, string? decisions = null, string? quarantinedSystem = null, string? quarantineReason = null)
    {
        var key = CorrelationKey.StripeCustomer(cus);
        var now = DateTime.UtcNow;
        var linkedAt = new DateTime(2026, 11, 28, 9, 30, 0, DateTimeKind.Utc);
        await sagas.Database.ExecuteSqlAsync($"""
            INSERT INTO "CustomerState" ("CorrelationId", "CurrentState", "Version", "Subject", "CreatedAt", "UpdatedAt", "StripeCustomerId",
                "P21CustomerId", "ZnodeUserId", "Record", "Revision", "LinkVersion", "LinkedBy", "LinkedAt", "UnlinkedAt", "LastReportedAt",
                "QuarantinedSystem", "QuarantinedStep", "QuarantineReason", "LastDecisions")
            VALUES ({key.ToGuid()}, {state}, {1}, {key.ToString()}, {now}, {now}, {cus}, {p21}, {znode}, {record}, {3L}, {1L}, {linkedBy}, {linkedAt},
                {unlinkedAt}, {now}, {quarantinedSystem}, {(quarantinedSystem is null ? null : "SyncP21Customer")}, {quarantineReason}, {decisions})
            """);
    }

    public static async Task AddSubscriptionAsync(DbContext sagas, string sub, string cus, string state, string status, string currency, string items,
        string invoices, int posted, DateTime periodEnd, DateTime updatedAt, bool cancelAtPeriodEnd = false, string? cancellationReason = null)
    {
        var key = CorrelationKey.StripeSubscription(sub);
        await sagas.Database.ExecuteSqlAsync($"""
            INSERT INTO "SubscriptionState" ("CorrelationId", "CurrentState", "Version", "Subject", "CreatedAt", "UpdatedAt", "SubscriptionId",
                "StripeCustomerId", "Status", "Currency", "Items", "CurrentPeriodStart", "CurrentPeriodEnd", "CancelAtPeriodEnd", "CancellationReason",
                "Invoices", "InvoicesPosted")
            VALUES ({key.ToGuid()}, {state}, {1}, {key.ToString()}, {updatedAt}, {updatedAt}, {sub}, {cus}, {status}, {currency}, {items},
                {periodEnd.AddMonths(-1)}, {periodEnd}, {cancelAtPeriodEnd}, {cancellationReason}, {invoices}, {posted})
            """);
    }
}
