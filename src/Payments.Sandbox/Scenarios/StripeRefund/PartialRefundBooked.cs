using System.Text;
using Payments.Contracts.Shared;

namespace Payments.Sandbox.Scenarios.StripeRefund;

/// <summary>A charge became a P21 sales order; 30.00 of it is refunded in Stripe; P21 gets one RMA for 30.00 (a partial refund: the refund item).</summary>
public sealed class PartialRefundBooked : ISandboxScenario
{
    public string Name => "refund-partial";
    public string Flow => FlowNames.StripeRefund;
    public string Description => "a charge's P21 order, then a 30.00 refund in Stripe → one P21 RMA of 30.00 (refund item), booked once";

    public async Task<ScenarioResult> RunAsync(SandboxHost sandbox, CancellationToken cancellationToken)
    {
        var flow = new RefundFlow(sandbox);
        var sale = await flow.SellAsync();
        var text = new StringBuilder();
        RefundReport.DescribeSale(text, sale);
        if (!sale.Succeeded)
            return Result(false, "the sale did not become a P21 order", text);

        var refundId = flow.Refund(sale.Charge.Id, 3_000);
        var refund = await RefundReport.ReadAsync(sandbox, flow, refundId, 3_000, sale.Charge.Currency, await flow.WaitForBookingAsync(refundId));
        refund.Describe(text);
        return Result(refund.BookedOnce && refund.Saga?.Scope == "Partial",
            $"{refund.Saga?.CurrentState ?? "no saga"}, {refund.Rmas.Count} RMA(s) for the refund", text);
    }

    ScenarioResult Result(bool asExpected, string actual, StringBuilder text) => new()
    {
        Scenario = Name, Flow = Flow, AsExpected = asExpected, Actual = actual, Report = text.ToString().TrimEnd(),
        Expected = "completed: one RMA of 30.00 for the refund, scope Partial",
    };
}
