using System.Text;
using Payments.Contracts.PayoutReconciliation;
using Payments.Contracts.Shared;

namespace Payments.Sandbox.Scenarios.PayoutReconciliation;

/// <summary>
/// A payout one cent more than its balance transactions' nets (a fault the Stripe fake injects: it stands for a transaction the
/// reconciliation never saw): flagged with the difference and alerted, never balanced with a plug line, nothing posted to P21.
/// </summary>
public sealed class PayoutOffByACent : ISandboxScenario
{
    public string Name => "payout-off-by-a-cent";
    public string Flow => FlowNames.PayoutReconciliation;
    public string Description => "a payout 0.01 more than its transactions' nets → flagged NetMismatch with the difference, nothing posted to P21";

    public async Task<ScenarioResult> RunAsync(SandboxHost sandbox, CancellationToken cancellationToken)
    {
        var flow = new PayoutFlow(sandbox);
        var text = new StringBuilder();
        flow.PayOutEarlierBalance();
        var sale = await flow.SellAsync();
        text.AppendLine($"  Sale              {sale.Charge.Id} → P21 order {sale.Order?.OrderNo ?? "none"}");
        if (!sale.Succeeded) return Result(false, "the sale did not become a P21 order", text);

        var payout = flow.PayOut(amountSkewMinor: 1);
        if (payout is null) return Result(false, "Stripe made no payout", text);
        var payoutId = (string)payout["id"]!;
        text.AppendLine($"  Stripe payout     {payoutId} of {payout["amount"]} minor units: 1 more than its transactions' nets (injected)");

        var saga = await flow.WaitForSagaAsync(payoutId, s => s.CurrentState is "Flagged" or "Posted");
        PayoutBalanced.Describe(text, saga);
        var flags = saga is null ? [] : System.Text.Json.JsonSerializer.Deserialize<List<PayoutFlagItem>>(saga.Flags) ?? [];
        foreach (var flag in flags) text.AppendLine($"  Flag              {flag.Kind}: {flag.Reason}");
        var journal = flow.Journal(payoutId);
        MoneyBackReadBack.PrintLedger(text, "P21 GL journal", journal);

        var (exit, csv, error) = await flow.CliAsync("payouts", "report", payoutId, "--format", "csv");
        text.AppendLine(exit == 0 ? "  Report (CSV)" : $"  Report            NOT WRITTEN: {error.Trim()}");
        foreach (var line in csv.Split('\n', StringSplitOptions.RemoveEmptyEntries)) text.AppendLine("    " + line.TrimEnd('\r'));

        var mismatch = flags.Any(f => f.Kind == "NetMismatch" && f.Reason.Contains("0.01", StringComparison.Ordinal));
        return Result(saga?.CurrentState == "Flagged" && mismatch && journal.Count == 0 && exit == 0,
            $"{saga?.CurrentState ?? "no saga"}, {(mismatch ? "NetMismatch of 0.01" : "no 0.01 mismatch flag")}, {journal.Count} P21 journal line(s)", text);
    }

    ScenarioResult Result(bool asExpected, string actual, StringBuilder text) => new()
    {
        Scenario = Name, Flow = Flow, AsExpected = asExpected, Actual = actual, Report = text.ToString().TrimEnd(),
        Expected = "Flagged: NetMismatch naming 0.01, no P21 journal, the report shows the flag",
    };
}
