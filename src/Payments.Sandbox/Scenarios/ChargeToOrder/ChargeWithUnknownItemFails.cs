using Payments.Contracts.Shared;

namespace Payments.Sandbox.Scenarios.ChargeToOrder;

/// <summary>
/// A charge names an item P21 does not know: a business-rule failure, not retried. The payment stops, visibly, in the
/// saga's Failed state with P21's own words; nothing is posted and nothing is written on the charge.
/// </summary>
public sealed class ChargeWithUnknownItemFails : ISandboxScenario
{
    const string UnknownItem = "NO-SUCH-ITEM";

    public string Name => "charge-to-order-unknown-item";
    public string Flow => FlowNames.ChargeToOrder;
    public string Description => $"a charge for item {UnknownItem} → Failed at PostP21Order with P21's reason, no order, nothing on the charge";

    public async Task<ScenarioResult> RunAsync(SandboxHost sandbox, CancellationToken cancellationToken)
    {
        var charge = ChargeFlow.DemonstrationCharge() with { Metadata = new Dictionary<string, string> { ["items"] = $"{UnknownItem}:1" } };
        var report = await new ChargeFlow(sandbox).RunAsync(sandbox.Options.ScenarioTimeout, charge);
        var failedVisibly = report.Outcome is { Completed: false, FailedStep: "PostP21Order" } outcome
                            && outcome.Reason?.Contains(UnknownItem, StringComparison.Ordinal) == true
                            && report.SagaState == "Failed" && report.OrdersForCharge == 0
                            && !report.StripeMetadata.ContainsKey(StripeMetadataKeys.P21OrderNo);
        return report.ToResult(this, expected: "Failed at PostP21Order naming the item, no order", asExpected: failedVisibly);
    }
}
