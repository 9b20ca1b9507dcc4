using Payments.Contracts.Shared;

namespace Payments.Sandbox.Scenarios.ChargeToOrder;

/// <summary>The house example: a paid charge becomes one P21 sales order, whose number is written back onto the charge.</summary>
public sealed class ChargeBecomesOrder : ISandboxScenario
{
    public string Name => "charge-to-order";
    public string Flow => FlowNames.ChargeToOrder;
    public string Description => "a paid Stripe charge → one P21 sales order for a known customer, its number on the charge";

    public async Task<ScenarioResult> RunAsync(SandboxHost sandbox, CancellationToken cancellationToken)
    {
        var report = await new ChargeFlow(sandbox).RunAsync(sandbox.Options.ScenarioTimeout);
        return report.ToResult(this, expected: "completed: one P21 order, its number on the charge", asExpected: report.Succeeded);
    }
}
