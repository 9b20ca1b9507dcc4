using System.CommandLine;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Payments.Cli.Outbox;
using Spectre.Console;

namespace Payments.Cli.Risk;

/// <summary>
/// <c>payments risk show &lt;charge id&gt;</c>: every decision the payment-risk flow took for one charge — when, the rule that fired, the
/// actions, the signals it saw and why — read from the sagas' database, where the flow keeps them (docs/money-back.md#risk).
/// </summary>
public static class RiskCommand
{
    public static Command Create(CliContext context)
    {
        var charge = new Argument<string>("charge-id") { Description = "The Stripe charge, e.g. ch_3N…" };
        var show = new Command("show", "Every risk decision for one charge, oldest first: time, rule, actions, signals, explanation; then the refund and hold it led to.")
        {
            charge,
        };
        show.SetAction((parsed, cancellationToken) => OutboxCommand.OnDatabaseAsync(context, "sagas",
            db => ShowAsync(context, db, parsed.GetRequiredValue(charge), cancellationToken)));
        return new Command("risk", "The payment-risk flow's decisions. Database as the sagas service reads it: Database__Provider and ConnectionStrings__Sagas.")
        {
            show,
        };
    }

    static async Task<int> ShowAsync(CliContext context, DbContext db, string chargeId, CancellationToken cancellationToken)
    {
        // Quoted identifiers read the same on SQLite, PostgreSQL and SQL Server (QUOTED_IDENTIFIER is on by default); the value is a parameter.
        var rows = await db.Database.SqlQuery<RiskRow>(
                $"""SELECT "ChargeId", "CurrentState", "Decisions", "RefundId", "HoldNote", "HeldAt" FROM "ChargeRiskState" WHERE "ChargeId" = {chargeId}""")
            .ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            await context.Error.WriteLineAsync($"payments: no risk decision for charge {chargeId} (no early fraud warning or elevated risk was reported for it)");
            return ExitCodes.Failed;
        }

        var row = rows[0];
        var decisions = RiskDecisionLine.Parse(row.Decisions);
        context.Out.WriteLine($"Charge {row.ChargeId}: {decisions.Count} decision(s), state {row.CurrentState}");
        var table = new Table().AddColumns("Decided (UTC)", "Rule", "Actions", "Signals", "Why");
        foreach (var d in decisions)
            table.AddRow(new Text(d.DecidedAt), new Text(d.Rule), new Text(d.Actions), new Text(d.Signals), new Text(d.Explanation));
        context.Out.Write(table);
        context.Out.WriteLine($"Proactive refund: {row.RefundId ?? "none"}");
        context.Out.WriteLine($"P21 hold: {(row.HeldAt is { } held ? held.ToString("O", CultureInfo.InvariantCulture) : "none")}{(row.HoldNote is null ? "" : $" ({row.HoldNote})")}");
        return ExitCodes.Done;
    }

    /// <summary>The columns of the payment-risk saga's row this command reads.</summary>
    sealed class RiskRow
    {
        public string ChargeId { get; set; } = "";
        public string CurrentState { get; set; } = "";
        public string Decisions { get; set; } = "";
        public string? RefundId { get; set; }
        public string? HoldNote { get; set; }
        public DateTime? HeldAt { get; set; }
    }
}
