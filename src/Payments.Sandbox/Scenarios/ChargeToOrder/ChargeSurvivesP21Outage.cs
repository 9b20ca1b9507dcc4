using Payments.Contracts.Shared;
using Payments.Simulators.P21.Faults;

namespace Payments.Sandbox.Scenarios.ChargeToOrder;

/// <summary>P21's Transaction API is down for a moment (HTTP 503): the P21 service retries, and the order is posted once.</summary>
public sealed class ChargeSurvivesP21Outage : ISandboxScenario
{
    const int RefusedCalls = 2;

    public string Name => "charge-to-order-p21-outage";
    public string Flow => FlowNames.ChargeToOrder;
    public string Description => $"P21 answers 503 to the next {RefusedCalls} order posts → retried → one P21 order all the same";

    public async Task<ScenarioResult> RunAsync(SandboxHost sandbox, CancellationToken cancellationToken)
    {
        var rule = sandbox.P21.Faults.Inject(P21Route.Transaction, P21Fault.ServerError("Service Unavailable (sandbox outage)") with { Status = 503 }, times: RefusedCalls);
        try
        {
            var charge = ChargeFlow.DemonstrationCharge() with { Description = "Web order placed while P21 was briefly down" };
            var report = await new ChargeFlow(sandbox).RunAsync(sandbox.Options.ScenarioTimeout, charge);
            return report.ToResult(this, expected: $"completed after {RefusedCalls} refused P21 calls, one order",
                asExpected: report.Succeeded && report.P21CallsRefused == RefusedCalls);
        }
        finally
        {
            sandbox.P21.Faults.Remove(rule);
        }
    }
}
