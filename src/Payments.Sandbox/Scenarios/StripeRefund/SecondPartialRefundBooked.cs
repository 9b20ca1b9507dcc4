using System.Text;
using Payments.Contracts.Shared;

namespace Payments.Sandbox.Scenarios.StripeRefund;

/// <summary>
/// The cumulative trap: 30.00 then 20.00 refunded of one charge. Stripe's <c>amount_refunded</c> reads 30.00 then 50.00; P21 must get two
/// RMAs of 30.00 and 20.00 — each refund's own amount, once — never 50.00.
/// </summary>
public sealed class SecondPartialRefundBooked : ISandboxScenario
{
    public string Name => "refund-second-partial";
    public string Flow => FlowNames.StripeRefund;
    public string Description => "30.00 then 20.00 refunded of one charge → two P21 RMAs of 30.00 and 20.00, never the cumulative 50.00";

    public async Task<ScenarioResult> RunAsync(SandboxHost sandbox, CancellationToken cancellationToken)
    {
        var flow = new RefundFlow(sandbox);
        var sale = await flow.SellAsync();
        var text = new StringBuilder();
        RefundReport.DescribeSale(text, sale);
        if (!sale.Succeeded)
            return Result(false, "the sale did not become a P21 order", text);

        var first = flow.Refund(sale.Charge.Id, 3_000);
        var firstReport = await RefundReport.ReadAsync(sandbox, flow, first, 3_000, sale.Charge.Currency, await flow.WaitForBookingAsync(first));
        var second = flow.Refund(sale.Charge.Id, 2_000);
        var secondReport = await RefundReport.ReadAsync(sandbox, flow, second, 2_000, sale.Charge.Currency, await flow.WaitForBookingAsync(second));
        firstReport.Describe(text);
        secondReport.Describe(text);

        var rmasOfCustomer = sandbox.P21.Store.Rmas.Where(r => r.PoNo == first || r.PoNo == second).ToList();
        var booked = rmasOfCustomer.Sum(r => r.Lines.Sum(l => l.ExtendedPrice));
        var charged = (long?)sandbox.Stripe.GetCharge(sale.Charge.Id)?["amount_refunded"];
        text.AppendLine($"  Stripe amount_refunded on the charge: {charged} (cumulative); booked in P21: {booked:0.00} in {rmasOfCustomer.Count} RMA(s)");
        return Result(firstReport.BookedOnce && secondReport.BookedOnce && booked == 50.00m && rmasOfCustomer.Count == 2,
            $"{rmasOfCustomer.Count} RMA(s) totalling {booked:0.00}", text);
    }

    ScenarioResult Result(bool asExpected, string actual, StringBuilder text) => new()
    {
        Scenario = Name, Flow = Flow, AsExpected = asExpected, Actual = actual, Report = text.ToString().TrimEnd(),
        Expected = "two RMAs, 30.00 and 20.00 (50.00 in all), each refund booked once",
    };
}
