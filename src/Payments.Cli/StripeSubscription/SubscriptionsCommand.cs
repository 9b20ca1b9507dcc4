using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Payments.Cli.Outbox;
using Payments.Reporting.PayoutReconciliation;
using Spectre.Console;

namespace Payments.Cli.StripeSubscription;

/// <summary>
/// <c>payments subscriptions list|show</c>: the stripe-subscription flow (one saga per Stripe subscription) as finance sees it: status,
/// period, and each invoice with the P21 document it became. Read from the sagas' database (table <c>SubscriptionState</c>).
/// </summary>
public static class SubscriptionsCommand
{
    /// <summary>The flow's states (<c>CurrentState</c>).</summary>
    public static readonly string[] States = ["Active", "PastDue", "Canceled"];

    const string Columns = """
        "SubscriptionId", "CurrentState", "StripeCustomerId", "Status", "Currency", "Items", "CurrentPeriodStart", "CurrentPeriodEnd",
        "CancelAtPeriodEnd", "CanceledAt", "EndedAt", "CancellationReason", "LastReportedAt", "Invoices", "InvoicesPosted", "UpdatedAt"
        """;

    public static Command Create(CliContext context) =>
        new("subscriptions",
            "Stripe Billing subscriptions and their invoices in P21: list them, show one with its invoices. "
            + "Database as the sagas read it: Database__Provider, ConnectionStrings__Sagas.")
        {
            List(context),
            Show(context),
        };

    static Command List(CliContext context)
    {
        var state = new Option<string?>("--state") { Description = "Only subscriptions in this state.", HelpName = "state" };
        state.AcceptOnlyFromAmong(States);
        var customer = new Option<string?>("--customer") { Description = "Only this Stripe customer's (cus_…).", HelpName = "cus" };
        var max = new Option<int>("--max") { Description = "Subscriptions shown, latest change first.", HelpName = "n", DefaultValueFactory = _ => 50, CustomParser = WholeNumber };
        var command = new Command("list", "The subscriptions, latest change first: subscription, customer, state, Stripe status, period end, invoices posted, open problems.")
        {
            state, customer, max,
        };
        command.SetAction((parsed, cancellationToken) => OutboxCommand.OnDatabaseAsync(context, "sagas",
            db => ListAsync(context, db, parsed.GetValue(state), parsed.GetValue(customer), parsed.GetValue(max), cancellationToken)));
        return command;
    }

    static Command Show(CliContext context)
    {
        var subscription = new Argument<string>("subscription-id") { Description = "The Stripe subscription, e.g. sub_…" };
        var command = new Command("show", "One subscription: status, period, items, cancellation, and each invoice with its step and P21 document.") { subscription };
        command.SetAction((parsed, cancellationToken) => OutboxCommand.OnDatabaseAsync(context, "sagas",
            db => ShowAsync(context, db, parsed.GetRequiredValue(subscription), cancellationToken)));
        return command;
    }

    static async Task<int> ListAsync(CliContext context, DbContext db, string? state, string? customer, int max, CancellationToken cancellationToken)
    {
        var query = db.Database.SqlQueryRaw<SubscriptionStateRow>($$"""SELECT {{Columns}} FROM "SubscriptionState" """);
        if (state is not null) query = query.Where(s => s.CurrentState == state);
        if (customer is not null) query = query.Where(s => s.StripeCustomerId == customer);
        var total = await query.CountAsync(cancellationToken);
        var shown = await query.OrderByDescending(s => s.UpdatedAt).ThenBy(s => s.SubscriptionId).Take(max).ToListAsync(cancellationToken);

        context.Out.WriteLine($"{total} subscription(s){(state is null ? "" : $" {state}")}{(customer is null ? "" : $" of {customer}")}");
        if (shown.Count == 0)
            return ExitCodes.Done;
        var table = new Table().AddColumns("Subscription", "Customer", "State", "Status", "Period end", "Posted", "Needs attention");
        foreach (var s in shown)
        {
            var invoices = Invoices(s.Invoices);
            var attention = invoices.Where(i => i.Get("Step") is "Quarantined" or "PaymentFailed").Select(i => $"{i.Get("InvoiceId")} {i.Get("Step")}").ToList();
            table.AddRow(new Text(s.SubscriptionId), new Text(s.StripeCustomerId), new Text(s.CurrentState), new Text(s.Status ?? "-"),
                new Text(Date(s.CurrentPeriodEnd) + (s.CancelAtPeriodEnd ? " (cancels)" : "")),
                new Text(s.InvoicesPosted.ToString(CultureInfo.InvariantCulture)), new Text(attention.Count == 0 ? "-" : string.Join("; ", attention)));
        }
        context.Out.Write(table);
        if (total > shown.Count)
            context.Out.WriteLine($"... {total - shown.Count} more");
        return ExitCodes.Done;
    }

    static async Task<int> ShowAsync(CliContext context, DbContext db, string subscriptionId, CancellationToken cancellationToken)
    {
        var rows = await db.Database.SqlQueryRaw<SubscriptionStateRow>($$"""SELECT {{Columns}} FROM "SubscriptionState" WHERE "SubscriptionId" = {0}""", subscriptionId)
            .ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            await context.Error.WriteLineAsync($"payments: no subscription {subscriptionId} in the stripe-subscription flow (Stripe has not reported it, or it is another account's)");
            return ExitCodes.Failed;
        }
        var s = rows[0];
        var output = context.Out;
        output.WriteLine($"Subscription {s.SubscriptionId} of {s.StripeCustomerId}: {s.CurrentState} (Stripe status {s.Status ?? "-"})");
        output.WriteLine($"Period {Date(s.CurrentPeriodStart)} to {Date(s.CurrentPeriodEnd)}{(s.CancelAtPeriodEnd ? ", cancels at its end" : "")}");
        if (s.CanceledAt is not null || s.EndedAt is not null)
            output.WriteLine($"Canceled {Date(s.CanceledAt)}, ended {Date(s.EndedAt)}{(s.CancellationReason is null ? "" : $": {s.CancellationReason}")}");

        var items = new Table().AddColumns("Item", "Price", "Product", "Quantity", "Unit amount", "Interval");
        foreach (var i in Invoices(s.Items))
        {
            var unit = long.TryParse(i.Get("UnitAmountMinor", ""), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var minor) && s.Currency is { } c
                ? Amount(minor, c) : "-";
            items.AddRow(new Text(i.Get("ItemId")), new Text(i.Get("PriceId")), new Text(i.Get("ProductId")), new Text(i.Get("Quantity")), new Text(unit), new Text(i.Get("Interval")));
        }
        output.Write(items);

        var invoices = Invoices(s.Invoices);
        output.WriteLine($"{invoices.Count} invoice(s), {s.InvoicesPosted} posted to P21");
        if (invoices.Count == 0)
            return ExitCodes.Done;
        var table = new Table().AddColumns("Invoice", "Number", "Status", "Total", "Reason", "Step", "P21 document", "Attempts", "Note", "Updated");
        foreach (var i in invoices)
        {
            var currency = i.Get("Currency", s.Currency ?? "");
            var total = long.TryParse(i.Get("TotalMinor", ""), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var minor) && currency.Length == 3
                ? $"{Amount(minor, currency)} {currency.ToUpperInvariant()}" : "-";
            var document = i.Get("DocumentNumber", "") is { Length: > 0 } number ? $"{i.Get("DocumentKind", "")} {number}".Trim() : "-";
            table.AddRow(new Text(i.Get("InvoiceId")), new Text(i.Get("Number")), new Text(i.Get("Status")), new Text(total), new Text(i.Get("BillingReason")),
                new Text(i.Get("Step")), new Text(document), new Text(i.Get("AttemptCount")), new Text(i.Get("Reason")), new Text(i.Get("UpdatedAt")));
        }
        output.Write(table);
        return ExitCodes.Done;
    }

    static string Amount(long minor, string currency) =>
        ReportMoney.Plain(ReportMoney.ToDecimal(minor, currency.ToUpperInvariant()), currency.ToUpperInvariant());

    static List<Entry> Invoices(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return [];
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Array
                ? document.RootElement.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object).Select(e => new Entry(e.Clone())).ToList()
                : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    readonly record struct Entry(JsonElement Item)
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

    static string Date(DateTime? value) => value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-";

    static int WholeNumber(ArgumentResult result)
    {
        var token = result.Tokens.Count == 1 ? result.Tokens[0].Value : null;
        if (int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
            return n;
        result.AddError($"--max needs a whole number, 1 or more (not '{token}')");
        return 0;
    }
}
