namespace Payments.Sandbox.Scenarios;

/// <summary>
/// One thing the sandbox plays through the running services: it drives the simulators as the outside world would and
/// reads back, from the simulators themselves, whether everything ended as this scenario expects.
/// </summary>
public interface ISandboxScenario
{
    /// <summary>What <c>--scenario</c> takes, e.g. <c>charge-to-order</c>.</summary>
    string Name { get; }

    /// <summary>The flow it plays (one of <see cref="Payments.Contracts.Shared.FlowNames"/>).</summary>
    string Flow { get; }

    /// <summary>One line for <c>--list</c>: what happens and what is expected.</summary>
    string Description { get; }

    Task<ScenarioResult> RunAsync(SandboxHost sandbox, CancellationToken cancellationToken);
}
