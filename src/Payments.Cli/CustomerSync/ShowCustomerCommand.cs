using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Payments.Cli.Outbox;
using Spectre.Console;

namespace Payments.Cli.CustomerSync;

/// <summary>
/// <c>payments customers show &lt;cus_…|p21:N|znode:N&gt;</c>: the link record (the three ids, who linked them and when, quarantine) and
/// the customer's fields with the system each value came from, as the customer-sync flow keeps them.
/// </summary>
static class ShowCustomerCommand
{
    public static Command Create(CliContext context)
    {
        var customer = new Argument<string>("customer") { Description = "A Stripe customer (cus_…), a P21 customer (p21:<id>) or a Znode user (znode:<id>)." };
        customer.Validators.Add(result =>
        {
            if (!CustomerKey.TryParse(result.GetValueOrDefault<string>() ?? "", out _, out var error)) result.AddError(error);
        });
        var command = new Command("show", "The link record of a customer and its fields with their sources.") { customer };
        command.SetAction((parsed, cancellationToken) =>
        {
            CustomerKey.TryParse(parsed.GetRequiredValue(customer), out var key, out _);
            return OutboxCommand.OnDatabaseAsync(context, "sagas", db => ShowAsync(context, db, key, cancellationToken));
        });
        return command;
    }

    static async Task<int> ShowAsync(CliContext context, DbContext db, CustomerKey key, CancellationToken cancellationToken)
    {
        var rows = await CustomersCommand.FindAsync(db, key, cancellationToken);
        if (rows.Count == 0)
        {
            await context.Error.WriteLineAsync($"payments: no link record of {key.Text} in the customer-sync flow (Stripe has not reported it and no one linked it)");
            return ExitCodes.Failed;
        }
        foreach (var row in rows)
            Write(context.Out, row);
        return ExitCodes.Done;
    }

    static void Write(IAnsiConsole output, CustomerStateRow row)
    {
        output.WriteLine($"Stripe customer {row.StripeCustomerId}: {row.CurrentState}");
        var link = new Table().AddColumns("Link", "Value");
        link.AddRow(new Text("P21 customer"), new Text(row.P21CustomerId?.ToString(CultureInfo.InvariantCulture) ?? "-"));
        link.AddRow(new Text("Znode user"), new Text(row.ZnodeUserId?.ToString(CultureInfo.InvariantCulture) ?? "-"));
        link.AddRow(new Text("Linked by"), new Text(row.LinkedBy ?? "-"));
        link.AddRow(new Text("Linked at"), new Text(Time(row.LinkedAt)));
        if (row.UnlinkedAt is not null)
            link.AddRow(new Text("Unlinked at"), new Text(Time(row.UnlinkedAt) + " (the Stripe customer was deleted; the ids are kept for history)"));
        link.AddRow(new Text("Link version"), new Text(row.LinkVersion.ToString(CultureInfo.InvariantCulture)));
        link.AddRow(new Text("Revision"), new Text(row.Revision.ToString(CultureInfo.InvariantCulture)));
        link.AddRow(new Text("Last reported by Stripe"), new Text(Time(row.LastReportedAt)));
        if (row.QuarantinedSystem is not null)
            link.AddRow(new Text("Quarantined"), new Text($"{row.QuarantinedSystem} {row.QuarantinedStep}: {row.QuarantineReason}"));
        output.Write(link);

        var fields = new Table().AddColumns("Field", "Value", "Source", "At", "Reference");
        foreach (var applied in Entries(row.Record, "Applied"))
            fields.AddRow(new Text(applied.Get("Field")), new Text(applied.Get("Value", "(empty)")), new Text(applied.Get("Source")),
                new Text(applied.Get("At")), new Text(applied.Get("Reference")));
        output.Write(fields);

        var decisions = Entries(row.LastDecisions, null).ToList();
        if (decisions.Count == 0) return;
        output.WriteLine("Last merge:");
        var table = new Table().AddColumns("Field", "Decision", "From", "To", "Reason");
        foreach (var d in decisions)
            table.AddRow(new Text(d.Get("Field")), new Text(d.Get("Kind")), new Text(d.Get("From")), new Text(d.Get("To")), new Text(d.Get("Reason")));
        output.Write(table);
    }

    /// <summary>The objects of a JSON list, or of the list under <paramref name="property"/>; nothing when the column is empty or not that shape.</summary>
    static IEnumerable<JsonEntry> Entries(string? json, string? property)
    {
        if (string.IsNullOrWhiteSpace(json)) yield break;
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(json);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            yield break;
        }
        var list = property is null ? root
            : root.ValueKind == JsonValueKind.Object
                ? root.EnumerateObject().FirstOrDefault(p => string.Equals(p.Name, property, StringComparison.OrdinalIgnoreCase)).Value
                : default;
        if (list.ValueKind != JsonValueKind.Array) yield break;
        foreach (var item in list.EnumerateArray())
            if (item.ValueKind == JsonValueKind.Object) yield return new JsonEntry(item);
    }

    readonly record struct JsonEntry(JsonElement Item)
    {
        /// <summary>The property's text; its name matched without regard to case (the saga's serializer settings are its own).</summary>
        public string Get(string name, string absent = "-")
        {
            foreach (var property in Item.EnumerateObject())
            {
                if (!string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase)) continue;
                return property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString() ?? absent,
                    JsonValueKind.Null or JsonValueKind.Undefined => absent,
                    _ => property.Value.GetRawText(),
                };
            }
            return absent;
        }
    }

    static string Time(DateTime? value) =>
        value is { } t ? DateTime.SpecifyKind(t, DateTimeKind.Utc).ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) : "-";
}
