using Payments.Contracts.Shared;

namespace Payments.Sandbox.Scenarios.ZnodeOrderToCash;

/// <summary>
/// The Znode flow's house example: a shopper's order on Znode gets a Stripe PaymentIntent; the shopper pays it by card; Znode shows
/// the payment CAPTURED with the charge as transaction id and a history note, and P21's ledger holds one balanced journal entry.
/// </summary>
public sealed class ZnodeOrderPaidAndJournaled : ISandboxScenario
{
    public string Name => "znode-order-to-cash";
    public string Flow => FlowNames.ZnodeOrderToCash;
    public string Description => "a Znode order → Stripe PaymentIntent → paid by card → Znode CAPTURED with the transaction id and a note, one balanced P21 GL journal";

    public async Task<ScenarioResult> RunAsync(SandboxHost sandbox, CancellationToken cancellationToken)
    {
        var flow = new ZnodeOrderFlow(sandbox);
        var (order, saga) = await flow.PlaceAndAwaitOfferAsync(ZnodeOrderFlow.DemonstrationOrder(ZnodeOrderFlow.NewShopperEmail("ann.lee")), cancellationToken);
        const string card = "pm_card_visa";
        flow.Pay(saga.PaymentIntentId!, card);
        var outcome = await flow.WaitForOutcomeAsync(order.OrderNumber, cancellationToken);
        var report = await flow.ReadBackAsync(order.OrderNumber, outcome, sandbox.Options.ScenarioTimeout, card);
        return report.ToResult(this, expected: "completed: Znode CAPTURED with the charge id and a note, one PaymentIntent, a balanced journal", report.Captured);
    }
}
