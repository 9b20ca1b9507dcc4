using System.Text;
using Microsoft.EntityFrameworkCore;
using Payments.Contracts.Shared;
using Payments.Sagas.Data;
using Payments.Sandbox.Scenarios.StripeRefund;

namespace Payments.Sandbox.Scenarios.PaymentRisk;

/// <summary>
/// A charge's P21 order, then the card network's early fraud warning. The risk policy's first default rule (an actionable warning under
/// 100.00) refunds the charge proactively — a refunded charge cannot be disputed — and the stripe-refund flow books the refund in P21
/// (a full refund: an RMA of the order's lines). The decision is kept with its signals, rule and actions.
/// </summary>
public sealed class FraudWarningRefunded : ISandboxScenario
{
    public string Name => "fraud-warning-refund";
    public string Flow => FlowNames.PaymentRisk;
    public string Description => "a charge's P21 order, then an early fraud warning → risk decision (signals, rule, actions) → proactive full refund → P21 RMA";

    public async Task<ScenarioResult> RunAsync(SandboxHost sandbox, CancellationToken cancellationToken)
    {
        var refunds = new RefundFlow(sandbox);
        var sale = await refunds.SellAsync();
        var text = new StringBuilder(sale.Describe()).AppendLine();
        if (!sale.Succeeded) return Result(false, "the sale did not become a P21 order", text);

        var warning = sandbox.Stripe.Account.CreateEarlyFraudWarning(sale.Charge.Id);
        text.AppendLine($"  Early warning     {warning["id"]}: {warning["fraud_type"]}, actionable {warning["actionable"]}");
        var refund = await refunds.WaitForRefundOfAsync(sale.Charge.Id);
        var refundId = (string?)refund?["id"];
        var booked = refundId is null ? null : await refunds.WaitForBookingAsync(refundId);

        // The saga records the refund when the Stripe service's answer reaches it, which can be after the refund's P21 booking.
        var risk = await SagaRows.WaitForAsync<Sagas.PaymentRisk.ChargeRiskState>(sandbox, CorrelationKey.ChargeRisk(sale.Charge.Id).ToGuid(),
            row => refundId is null || row.RefundId == refundId, TimeSpan.FromSeconds(20), cancellationToken);
        // Every decision is kept, one line each (time | rule | actions | signals | explanation): the warning's, then the one its update
        // (no longer actionable once refunded) brought.
        var decisions = (risk?.Decisions ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var decision in decisions)
            text.AppendLine($"  Risk decision     {decision}");
        text.AppendLine($"  payment-risk      {risk?.CurrentState ?? "no saga"}, {risk?.DecisionCount ?? 0} decision(s), refund {risk?.RefundId ?? "(none)"}");
        RefundReport? report = null;
        if (refundId is not null)
        {
            text.AppendLine($"  Stripe refund     reason {refund!["reason"]}, metadata early_fraud_warning={refund["metadata"]?[StripeMetadataKeys.EarlyFraudWarning]}");
            report = await RefundReport.ReadAsync(sandbox, refunds, refundId, (long)refund["amount"]!, sale.Charge.Currency, booked);
            report.Describe(text);
        }

        var asExpected = decisions.Length > 0 && decisions[0].Contains("refund-actionable-warning-under-limit", StringComparison.Ordinal)
                         && risk!.RefundId == refundId && refundId is not null
                         && (string?)refund!["reason"] == "fraudulent" && (long)refund["amount"]! == sale.Charge.Amount
                         && booked is { Completed: true } && report is { Rmas.Count: 1 } && report.Saga?.Scope == "Full"
                         && sandbox.Stripe.Account.List("refund").Count(r => (string?)r["charge"] == sale.Charge.Id) == 1;
        return Result(asExpected, $"first rule {(decisions.Length > 0 ? decisions[0].Split('|')[1].Trim() : "none")}, refund {refundId ?? "none"}, {report?.Rmas.Count ?? 0} RMA(s)", text);
    }

    ScenarioResult Result(bool asExpected, string actual, StringBuilder text) => new()
    {
        Scenario = Name, Flow = Flow, AsExpected = asExpected, Actual = actual, Report = text.ToString().TrimEnd(),
        Expected = "the first decision by rule refund-actionable-warning-under-limit; one full refund (fraudulent) of the charge, booked as one P21 RMA",
    };
}
