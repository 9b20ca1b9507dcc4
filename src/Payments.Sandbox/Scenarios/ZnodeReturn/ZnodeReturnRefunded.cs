using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Payments.Contracts.Shared;
using Payments.Sagas.Data;
using Payments.Sandbox.Scenarios.ZnodeOrderToCash;
using Payments.Simulators.Znode.Store;

namespace Payments.Sandbox.Scenarios.ZnodeReturn;

/// <summary>
/// A Znode order is paid (znode-order-to-cash), the shopper returns one of its lines and an admin approves the return in Znode. The
/// Znode service's poller finds it; the znode-return flow refunds the approved amount in Stripe (idempotency key from the return
/// number); the stripe-refund flow books it (a reversing P21 journal: the sale was a journal) and marks the Znode order; the return ends
/// REFUND PROCESSED.
/// </summary>
public sealed class ZnodeReturnRefunded : ISandboxScenario
{
    public string Name => "znode-return";
    public string Flow => FlowNames.ZnodeReturn;
    public string Description => "a paid Znode order, one line returned and approved in Znode → Stripe refund of the approved amount, reversing P21 journal, Znode PARTIALLY REFUNDED, return REFUND PROCESSED";

    public async Task<ScenarioResult> RunAsync(SandboxHost sandbox, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        var sale = new ZnodeOrderFlow(sandbox);
        var (order, saga) = await sale.PlaceAndAwaitOfferAsync(ZnodeOrderFlow.DemonstrationOrder(ZnodeOrderFlow.NewShopperEmail("joe.returns")), cancellationToken);
        sale.Pay(saga.PaymentIntentId!, "pm_card_visa");
        var paid = await sale.WaitForOutcomeAsync(order.OrderNumber, cancellationToken);
        text.AppendLine($"  Znode order       {order.OrderNumber}, {order.Total.ToString("0.00", CultureInfo.InvariantCulture)} {order.CurrencyCode}: znode-order-to-cash {(paid.Completed ? "completed" : $"failed at {paid.FailedStep}: {paid.Reason}")}");
        if (!paid.Completed) return Result(false, "the sale did not complete", text);

        // The shopper sends one widget back; the admin approves it.
        var returned = sandbox.Znode.CreateReturn(order.OrderNumber, [("WIDGET-001", 1m)]);
        var approved = sandbox.Znode.ApproveReturn(returned.ReturnNumber);
        text.AppendLine($"  Znode return      {approved.ReturnNumber} of 1 × WIDGET-001, approved for {approved.TotalReturnAmount.ToString("0.00", CultureInfo.InvariantCulture)}");

        FlowOutcome? outcome = null;
        using (var timeout = new CancellationTokenSource(sandbox.Options.ScenarioTimeout))
        {
            try { outcome = await sandbox.Services.GetRequiredService<FlowOutcomes>().WaitFor(CorrelationKey.ZnodeReturn(approved.ReturnNumber).ToGuid(), timeout.Token); }
            catch (OperationCanceledException) { }
        }

        var state = await ReadSagaAsync(sandbox, approved.ReturnNumber);
        var refunds = sandbox.Stripe.Account.List("refund")
            .Where(r => (string?)r["metadata"]?[StripeMetadataKeys.ZnodeReturnNumber] == approved.ReturnNumber).ToList();
        foreach (var refund in refunds)
            text.AppendLine($"  Stripe refund     {refund["id"]}: {refund["amount"]} minor units {((string?)refund["currency"])?.ToUpperInvariant()}, status {refund["status"]}, metadata znode_return_number={approved.ReturnNumber}");
        var readBack = new MoneyBackReadBack(sandbox);
        var journal = refunds.Count == 1 ? readBack.LedgerLinesMentioning((string)refunds[0]["id"]!) : [];
        MoneyBackReadBack.PrintLedger(text, "P21 GL (return)", journal);
        var after = sandbox.Znode.Store.FindOrder(order.OrderNumber)!;
        var finalReturn = sandbox.Znode.Store.FindReturn(approved.ReturnNumber)!;
        var paymentStatus = sandbox.Znode.Store.PaymentName(after.OmsPaymentStateId);
        var returnState = sandbox.Znode.Store.ReturnStateName(finalReturn.RmaReturnStateId);
        text.AppendLine($"  Znode order       payment status {paymentStatus}; notes: {string.Join(" | ", after.History.Select(h => h.Message).TakeLast(2))}");
        text.AppendLine($"  Znode return      state {returnState}; notes: {string.Join(" | ", finalReturn.Notes.Select(n => n.Notes))}");
        text.AppendLine(outcome switch
        {
            null => $"  znode-return      no verdict (saga state {state?.CurrentState ?? "none"})",
            { Completed: true } => $"  znode-return      {state?.CurrentState} (completed)",
            _ => $"  znode-return      {state?.CurrentState} at {outcome.FailedStep}: {outcome.Reason}",
        });

        var approvedMinor = Domain.Money.MinorUnits.FromDecimal(approved.TotalReturnAmount, order.CurrencyCode ?? "USD");
        var asExpected = outcome is { Completed: true } && refunds.Count == 1 && (long)refunds[0]["amount"]! == approvedMinor
                         && journal.Count > 0 && journal.Sum(l => l.Amount) == 0
                         && journal.Where(l => l.Amount > 0).Sum(l => l.Amount) == approved.TotalReturnAmount
                         && string.Equals(paymentStatus, "Partially Refunded", StringComparison.OrdinalIgnoreCase)
                         && string.Equals(returnState, "Refund Processed", StringComparison.OrdinalIgnoreCase);
        return Result(asExpected, $"{state?.CurrentState ?? "no saga"}: {refunds.Count} refund(s), Znode {paymentStatus}, return {returnState}", text);
    }

    static Task<Sagas.ZnodeReturn.ZnodeReturnState?> ReadSagaAsync(SandboxHost sandbox, string returnNumber) =>
        SagaRows.ReadAsync<Sagas.ZnodeReturn.ZnodeReturnState>(sandbox, CorrelationKey.ZnodeReturn(returnNumber).ToGuid());

    ScenarioResult Result(bool asExpected, string actual, StringBuilder text) => new()
    {
        Scenario = Name, Flow = Flow, AsExpected = asExpected, Actual = actual, Report = text.ToString().TrimEnd(),
        Expected = "completed: one Stripe refund of the approved amount, a balanced reversing journal of it, Znode Partially Refunded, return Refund Processed",
    };
}
