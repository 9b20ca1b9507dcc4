using System.Globalization;
using System.Text;
using Payments.Contracts.Shared;
using Payments.Domain.Money;
using Payments.Sagas.PayoutReconciliation;
using Payments.Sandbox.Scenarios.StripeRefund;

namespace Payments.Sandbox.Scenarios.PayoutReconciliation;

/// <summary>
/// Three sales become P21 orders; one is partly refunded, one disputed; Stripe pays out the rest: the payout's balance transactions (sales,
/// the refund, the dispute's withdrawal and fee, Stripe's fees) reconcile to the payout's amount and become one balanced P21 journal.
/// </summary>
public sealed class PayoutBalanced : ISandboxScenario
{
    public string Name => "payout-balanced";
    public string Flow => FlowNames.PayoutReconciliation;
    public string Description => "3 sales, a 30.00 partial refund, a dispute, fees → the payout reconciles to the cent: one balanced P21 journal, report as CSV and HTML";

    public async Task<ScenarioResult> RunAsync(SandboxHost sandbox, CancellationToken cancellationToken)
    {
        var flow = new PayoutFlow(sandbox);
        var text = new StringBuilder();
        var earlier = flow.PayOutEarlierBalance();
        if (earlier.Count > 0) text.AppendLine($"  Earlier balance   paid out first in {string.Join(", ", earlier)} (other scenarios' sales)");

        var sales = new List<Scenarios.ChargeToOrder.ChargeToOrderReport>();
        for (var i = 0; i < 3; i++) sales.Add(await flow.SellAsync());
        foreach (var sale in sales)
            text.AppendLine($"  Sale              {sale.Charge.Id} {Amount(sale.Charge.Amount, sale.Charge.Currency)} → P21 order {sale.Order?.OrderNo ?? "none"}");
        if (sales.Any(s => !s.Succeeded)) return Result(false, "a sale did not become a P21 order", text);

        var refunds = new RefundFlow(sandbox);
        var refundId = refunds.Refund(sales[0].Charge.Id, 3_000);
        var booked = await refunds.WaitForBookingAsync(refundId);
        text.AppendLine($"  Refund            {refundId} 30.00 of {sales[0].Charge.Id}: {(booked?.Completed == true ? "booked in P21" : "not booked")}");
        var disputeId = (string)sandbox.Stripe.Account.OpenDispute(sales[1].Charge.Id)["id"]!;
        text.AppendLine($"  Dispute           {disputeId} on {sales[1].Charge.Id} (amount and dispute fee withdrawn)");

        var payout = flow.PayOut();
        if (payout is null) return Result(false, "Stripe made no payout", text);
        var payoutId = (string)payout["id"]!;
        var amount = (long)payout["amount"]!;
        text.AppendLine($"  Stripe payout     {payoutId} {Amount(amount, "usd")} (automatic, paid, reconciliation completed)");

        var saga = await flow.WaitForSagaAsync(payoutId, s => s.CurrentState is "Posted" or "Flagged");
        Describe(text, saga);
        var journal = flow.Journal(payoutId);
        MoneyBackReadBack.PrintLedger(text, "P21 GL journal", journal);

        var (csv, html, reportError) = await flow.WriteReportsAsync(payoutId);
        text.AppendLine(reportError.Length == 0 ? $"  Report            {csv}, {html}" : $"  Report            NOT WRITTEN: {reportError}");
        if (reportError.Length == 0)
            foreach (var line in File.ReadLines(csv)) text.AppendLine("    " + line);

        var bankLine = journal.Where(l => l.Amount > 0).Select(l => l.Amount).DefaultIfEmpty().Max();
        var oneJournal = journal.Select(l => l.TransactionNumber).Distinct().Count() == 1;
        var balanced = journal.Count > 0 && journal.Sum(l => l.Amount) == 0;
        var netIsPayout = saga?.Totals is not null && saga.FlagCount == 0;
        var asExpected = saga?.CurrentState == "Posted" && oneJournal && balanced && netIsPayout && reportError.Length == 0
                         && journal.Any(l => l.Amount == MinorUnits.ToDecimal(amount, "usd"));
        return Result(asExpected,
            $"{saga?.CurrentState ?? "no saga"}, {journal.Select(l => l.TransactionNumber).Distinct().Count()} P21 journal(s){(balanced ? ", balanced" : "")}, "
            + $"{saga?.FlagCount ?? 0} flag(s), largest debit {bankLine.ToString("0.00", CultureInfo.InvariantCulture)}", text);
    }

    internal static void Describe(StringBuilder text, PayoutState? saga)
    {
        if (saga is null)
        {
            text.AppendLine("  payout saga       none");
            return;
        }
        text.AppendLine($"  payout saga       {saga.CurrentState}, run {saga.Run}, journal {saga.JournalNumber ?? "none"}, period {saga.Period ?? "-"}"
                        + (saga.FailureReason is { } reason ? $" ({saga.FailedStep}: {reason})" : ""));
    }

    static string Amount(long minor, string currency) =>
        MinorUnits.ToDecimal(minor, currency).ToString(CultureInfo.InvariantCulture) + " " + currency.ToUpperInvariant();

    ScenarioResult Result(bool asExpected, string actual, StringBuilder text) => new()
    {
        Scenario = Name, Flow = Flow, AsExpected = asExpected, Actual = actual, Report = text.ToString().TrimEnd(),
        Expected = "Posted: one balanced P21 journal whose bank line is the payout's amount, no flag, the report written as CSV and HTML",
    };
}
