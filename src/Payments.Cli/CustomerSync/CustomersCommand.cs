using System.CommandLine;
using Microsoft.EntityFrameworkCore;

namespace Payments.Cli.CustomerSync;

/// <summary>
/// <c>payments customers suggest-links|link|show</c>: the customer-sync flow (one saga per Stripe customer, whose row is the link record
/// Stripe customer ↔ P21 customer ↔ Znode user). The row is read from the sagas' database (table <c>CustomerState</c>); a link is a
/// message to the flow (<c>LinkCustomer</c>), never a write.
/// </summary>
public static class CustomersCommand
{
    public static Command Create(CliContext context) =>
        new("customers",
            "One customer across Stripe, P21 and Znode: suggest links for customers that match on no id, accept one, show a link record. "
            + "Database as the sagas read it: Database__Provider, ConnectionStrings__Sagas; broker (link): Bus__RabbitMq__Host, __Port, "
            + "__VirtualHost, __Username, __Password; systems (suggest-links): Stripe__ApiKey, Stripe__ApiBase, P21__BaseUrl, P21__Username, "
            + "P21__Password, Znode__BaseUrl, Znode__DomainName, Znode__ApiKey.")
        {
            SuggestLinksCommand.Create(context),
            LinkCustomerCommand.Create(context),
            ShowCustomerCommand.Create(context),
        };

    const string Columns = """
        "StripeCustomerId", "CurrentState", "P21CustomerId", "ZnodeUserId", "Record", "Revision", "LinkVersion", "LinkedBy", "LinkedAt",
        "UnlinkedAt", "LastReportedAt", "QuarantinedSystem", "QuarantinedStep", "QuarantineReason", "LastDecisions", "UpdatedAt"
        """;

    /// <summary>The link records of a Stripe customer (<c>cus_…</c>), a P21 customer (<c>p21:N</c>) or a Znode user (<c>znode:N</c>), linked ones first.</summary>
    internal static async Task<List<CustomerStateRow>> FindAsync(DbContext sagas, CustomerKey key, CancellationToken cancellationToken)
    {
        // Quoted identifiers read the same on SQLite, PostgreSQL and SQL Server; the values are parameters.
        var rows = key.System switch
        {
            "p21" => sagas.Database.SqlQueryRaw<CustomerStateRow>($$"""SELECT {{Columns}} FROM "CustomerState" WHERE "P21CustomerId" = {0}""", key.Number!.Value),
            "znode" => sagas.Database.SqlQueryRaw<CustomerStateRow>($$"""SELECT {{Columns}} FROM "CustomerState" WHERE "ZnodeUserId" = {0}""", (int)key.Number!.Value),
            _ => sagas.Database.SqlQueryRaw<CustomerStateRow>($$"""SELECT {{Columns}} FROM "CustomerState" WHERE "StripeCustomerId" = {0}""", key.Text),
        };
        var list = await rows.ToListAsync(cancellationToken);
        return list.OrderBy(r => r.UnlinkedAt is null ? 0 : 1).ThenByDescending(r => r.UpdatedAt).ToList();
    }

    /// <summary>The ids every link record holds that is not unlinked: those customers are linked already and are not suggested again.</summary>
    internal static async Task<LinkedIds> LinkedAsync(DbContext sagas, CancellationToken cancellationToken)
    {
        var rows = await sagas.Database.SqlQueryRaw<LinkedRow>(
                """SELECT "StripeCustomerId", "P21CustomerId", "ZnodeUserId" FROM "CustomerState" WHERE "UnlinkedAt" IS NULL""")
            .ToListAsync(cancellationToken);
        return new LinkedIds(
            rows.Select(r => r.StripeCustomerId).ToHashSet(StringComparer.Ordinal),
            rows.Where(r => r.P21CustomerId is not null).Select(r => r.P21CustomerId!.Value).ToHashSet(),
            rows.Where(r => r.ZnodeUserId is not null).Select(r => r.ZnodeUserId!.Value).ToHashSet());
    }

    sealed class LinkedRow
    {
        public string StripeCustomerId { get; set; } = "";
        public long? P21CustomerId { get; set; }
        public int? ZnodeUserId { get; set; }
    }
}

/// <summary>Who is already linked: by Stripe customer, P21 customer and Znode user id.</summary>
public sealed record LinkedIds(IReadOnlySet<string> Stripe, IReadOnlySet<long> P21, IReadOnlySet<int> Znode);

/// <summary>A customer as the operator names it: <c>cus_…</c>, <c>p21:N</c> or <c>znode:N</c>.</summary>
public sealed record CustomerKey(string System, string Text, long? Number)
{
    public static bool TryParse(string value, out CustomerKey key, out string error)
    {
        value = value.Trim();
        key = new CustomerKey("stripe", value, null);
        error = "";
        foreach (var (prefix, max) in new[] { ("p21:", long.MaxValue), ("znode:", (long)int.MaxValue) })
        {
            if (!value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) continue;
            var digits = value[prefix.Length..];
            if (long.TryParse(digits, global::System.Globalization.NumberStyles.None, global::System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0 && n <= max)
            {
                key = new CustomerKey(prefix.TrimEnd(':').ToLowerInvariant(), value, n);
                return true;
            }
            error = $"'{value}' needs a positive whole {prefix.TrimEnd(':')} id after '{prefix}'";
            return false;
        }
        if (value.StartsWith("cus_", StringComparison.Ordinal) && value.Length > 4)
            return true;
        error = $"'{value}' is not a customer: give a Stripe customer (cus_…), p21:<customer id> or znode:<user id>";
        return false;
    }
}
