namespace Payments.Sandbox.Scenarios;

/// <summary>How a scenario ended: whether that is what it expects, in one line each, and the full report.</summary>
public sealed record ScenarioResult
{
    public required string Scenario { get; init; }
    public required string Flow { get; init; }
    /// <summary>The scenario ended as it expects (a scenario may expect a visible failure).</summary>
    public required bool AsExpected { get; init; }
    public required string Expected { get; init; }
    public required string Actual { get; init; }
    /// <summary>What happened in each system, as plain text lines.</summary>
    public required string Report { get; init; }
    public TimeSpan Elapsed { get; init; }
}
