using System.Text;
using Payments.Contracts.Shared;

namespace Payments.Sandbox.Scenarios.StripeDispute;

/// <summary>A charge's P21 order is disputed and the dispute is lost: the withdrawal and fee stay journaled, the order stays on hold.</summary>
public sealed class DisputeLost : ISandboxScenario
{
    public string Name => "dispute-lost";
    public string Flow => FlowNames.StripeDispute;
    public string Description => "a charge's P21 order disputed → held, withdrawal and fee journaled; lost → final, nothing reversed, the order stays held";

    public async Task<ScenarioResult> RunAsync(SandboxHost sandbox, CancellationToken cancellationToken)
    {
        var flow = new DisputeFlow(sandbox);
        var sale = await flow.SellAsync();
        var text = new StringBuilder(sale.Describe()).AppendLine();
        if (!sale.Succeeded) return Result(false, "the sale did not become a P21 order", text);

        var disputeId = flow.Dispute(sale.Charge.Id);
        await flow.WaitForSagaAsync(disputeId, s => s.CurrentState == "Open" && s.HeldAt is not null && s.BookedBalanceTransactionIds.Length > 0);
        flow.Close(disputeId, won: false);
        var lost = await flow.WaitForSagaAsync(disputeId, s => s.CurrentState == "Lost");
        flow.Describe(text, disputeId, lost, sale.Order!.OrderNo);

        var stillHeld = sandbox.P21.Store.FindOrder(sale.Order.OrderNo)?.Approved == "N";
        var journals = flow.BalanceTransactionIds(disputeId).Count;
        return Result(lost?.CurrentState == "Lost" && stillHeld && journals == 1 && flow.EachBalanceTransactionJournaledOnce(disputeId),
            $"{lost?.CurrentState ?? "no saga"}, {journals} balance transaction(s) journaled, order {(stillHeld ? "held" : "released")}", text);
    }

    ScenarioResult Result(bool asExpected, string actual, StringBuilder text) => new()
    {
        Scenario = Name, Flow = Flow, AsExpected = asExpected, Actual = actual, Report = text.ToString().TrimEnd(),
        Expected = "Lost: the withdrawal journaled once (balanced), no reinstatement, the order still on hold",
    };
}
