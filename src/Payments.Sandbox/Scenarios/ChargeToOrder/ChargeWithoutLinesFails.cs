using Payments.Contracts.Shared;

namespace Payments.Sandbox.Scenarios.ChargeToOrder;

/// <summary>
/// A charge with no lines anywhere (no metadata <c>items</c>, no Checkout Session) and no default item configured: the payment stops,
/// visibly, in the saga's Failed state at CollectChargeOrderDetails with the reason; nothing is posted with an invented line.
/// </summary>
public sealed class ChargeWithoutLinesFails : ISandboxScenario
{
    public string Name => "charge-to-order-no-lines";
    public string Flow => FlowNames.ChargeToOrder;
    public string Description => "a charge without lines anywhere → Failed at CollectChargeOrderDetails with the reason, no order, nothing on the charge";

    public async Task<ScenarioResult> RunAsync(SandboxHost sandbox, CancellationToken cancellationToken)
    {
        var charge = ChargeFlow.DemonstrationCharge() with { Metadata = new Dictionary<string, string>(), Description = "Phone order, lines not sent" };
        var report = await new ChargeFlow(sandbox).RunAsync(sandbox.Options.ScenarioTimeout, charge);
        var failedVisibly = report.Outcome is { Completed: false, FailedStep: "CollectChargeOrderDetails" } outcome
                            && outcome.Reason?.Contains("has no order lines", StringComparison.Ordinal) == true
                            && report.SagaState == "Failed" && report.OrdersForCharge == 0
                            && !report.StripeMetadata.ContainsKey(StripeMetadataKeys.P21OrderNo);
        return report.ToResult(this, expected: "Failed at CollectChargeOrderDetails saying there are no lines, no order", asExpected: failedVisibly);
    }
}
