namespace Payments.Simulators.Shared.Faults;

/// <summary>
/// Set on the request (<c>HttpContext.Features</c>) when a fault rule struck a call that its route's handler still answers (a delay
/// or an <see cref="Fault.Effect"/>), so the handler can apply the effect.
/// </summary>
public sealed record InjectedFault(string RuleId, Fault Fault);
