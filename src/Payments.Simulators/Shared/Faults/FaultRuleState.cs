namespace Payments.Simulators.Shared.Faults;

/// <summary>A rule as the injector holds it: how many calls it still lets through and how many faults it still has.</summary>
public sealed record FaultRuleState(string Id, FaultRule Rule, int PassesLeft, int FaultsLeft, int Struck);
