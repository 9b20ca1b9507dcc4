using System.Text;
using Payments.Contracts.Shared;

namespace Payments.Sandbox.Scenarios.StripeDispute;

/// <summary>A charge's P21 order is disputed: held, the amount and fee journaled; the dispute is won: reinstated in P21's ledger, the hold released.</summary>
public sealed class DisputeWon : ISandboxScenario
{
    public string Name => "dispute-won";
    public string Flow => FlowNames.StripeDispute;
    public string Description => "a charge's P21 order disputed → order held, withdrawal and fee journaled; won → reinstatement journaled, hold released";

    public async Task<ScenarioResult> RunAsync(SandboxHost sandbox, CancellationToken cancellationToken)
    {
        var flow = new DisputeFlow(sandbox);
        var sale = await flow.SellAsync();
        var text = new StringBuilder(sale.Describe()).AppendLine();
        if (!sale.Succeeded) return Result(false, "the sale did not become a P21 order", text);

        var disputeId = flow.Dispute(sale.Charge.Id);
        var open = await flow.WaitForSagaAsync(disputeId, s => s.CurrentState == "Open" && s.HeldAt is not null && s.BookedBalanceTransactionIds.Length > 0);
        var heldWhileOpen = sandbox.P21.Store.FindOrder(sale.Order!.OrderNo)?.Approved == "N";
        text.AppendLine($"  While open        saga {open?.CurrentState}, P21 order {(heldWhileOpen ? "on hold" : "NOT on hold")}");
        flow.Close(disputeId, won: true);
        var won = await flow.WaitForSagaAsync(disputeId, s => s.CurrentState == "Won");
        flow.Describe(text, disputeId, won, sale.Order.OrderNo);

        var released = sandbox.P21.Store.FindOrder(sale.Order.OrderNo)?.Approved == "Y";
        var journals = flow.BalanceTransactionIds(disputeId).Count;
        return Result(won?.CurrentState == "Won" && heldWhileOpen && released && journals == 2 && flow.EachBalanceTransactionJournaledOnce(disputeId),
            $"{won?.CurrentState ?? "no saga"}, {journals} balance transaction(s) journaled, order {(released ? "released" : "still held")}", text);
    }

    ScenarioResult Result(bool asExpected, string actual, StringBuilder text) => new()
    {
        Scenario = Name, Flow = Flow, AsExpected = asExpected, Actual = actual, Report = text.ToString().TrimEnd(),
        Expected = "Won: held while open, withdrawal and reinstatement each journaled once (balanced), hold released",
    };
}
