using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Payments.Cli.Outbox;
using Payments.Reporting.PayoutReconciliation;
using Spectre.Console;

namespace Payments.Cli.PayoutReconciliation;

/// <summary><c>payments payouts list [--state S] [--max n]</c>: the payouts, latest arrival first, with where their reconciliation stands.</summary>
static class ListPayoutsCommand
{
    public static Command Create(CliContext context)
    {
        var state = new Option<string?>("--state") { Description = "Only payouts in this state.", HelpName = "state" };
        state.AcceptOnlyFromAmong(PayoutsCommand.States);
        var max = new Option<int>("--max")
        {
            Description = "Payouts shown, latest arrival first.",
            HelpName = "n",
            DefaultValueFactory = _ => 50,
            CustomParser = WholeNumber,
        };
        var command = new Command("list", "The payouts, latest arrival first: payout, arrival date, amount, currency, state, P21 journal, flags.")
        {
            state,
            max,
        };
        command.SetAction((parsed, cancellationToken) => OutboxCommand.OnDatabaseAsync(context, "sagas",
            db => ListAsync(context, db, parsed.GetValue(state), parsed.GetValue(max), cancellationToken)));
        return command;
    }

    static async Task<int> ListAsync(CliContext context, DbContext db, string? state, int max, CancellationToken cancellationToken)
    {
        var payouts = db.Database.SqlQuery<PayoutListRow>(
            $"""SELECT "PayoutId", "ArrivalDate", "AmountMinor", "Currency", "CurrentState", "JournalNumber", "FlagCount" FROM "PayoutState" """);
        if (state is not null)
            payouts = payouts.Where(p => p.CurrentState == state);
        var total = await payouts.CountAsync(cancellationToken);
        var shown = await payouts.OrderByDescending(p => p.ArrivalDate).ThenBy(p => p.PayoutId).Take(max).ToListAsync(cancellationToken);

        context.Out.WriteLine($"{total} payout(s){(state is null ? "" : $" {state}")}");
        if (shown.Count == 0)
            return ExitCodes.Done;

        // Values are Text, never markup: a journal number could hold brackets.
        var table = new Table().AddColumns("Payout", "Arrival date", "Amount", "Currency", "State", "P21 journal", "Flags");
        foreach (var p in shown)
        {
            table.AddRow(
                new Text(p.PayoutId),
                new Text(p.ArrivalDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                new Text(ReportMoney.Plain(ReportMoney.ToDecimal(p.AmountMinor, p.Currency), p.Currency)),
                new Text(p.Currency),
                new Text(p.CurrentState),
                new Text(p.JournalNumber ?? "-"),
                new Text(p.FlagCount.ToString(CultureInfo.InvariantCulture)));
        }
        context.Out.Write(table);
        if (total > shown.Count)
            context.Out.WriteLine($"... {total - shown.Count} more");
        return ExitCodes.Done;
    }

    static int WholeNumber(ArgumentResult result)
    {
        var token = result.Tokens.Count == 1 ? result.Tokens[0].Value : null;
        if (int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
            return n;
        result.AddError($"--max needs a whole number, 1 or more (not '{token}')");
        return 0;
    }

    /// <summary>The columns of the saga's row the list shows.</summary>
    sealed class PayoutListRow
    {
        public string PayoutId { get; set; } = "";
        public DateTime ArrivalDate { get; set; }
        public long AmountMinor { get; set; }
        public string Currency { get; set; } = "";
        public string CurrentState { get; set; } = "";
        public string? JournalNumber { get; set; }
        public int FlagCount { get; set; }
    }
}
