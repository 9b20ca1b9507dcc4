using MassTransit;

namespace Payments.Contracts.CustomerSync;

/// <summary>Alert: a customer update could not be written to a system (bad data: no e-mail, an address P21 refuses, a field longer than P21 accepts). The command waits in its fault queue with the reason; nothing was half-written. Fix the data, then redrive it.</summary>
[MessageUrn("Payments.CustomerSync:CustomerQuarantined")]
[EntityName("Payments.CustomerSync:CustomerQuarantined")]
[FaultEntityName("MassTransit:Fault--Payments.CustomerSync:CustomerQuarantined--")]
public record CustomerQuarantined : CorrelatedBy<Guid>
{
    /// <summary>Of the Stripe customer: <c>CorrelationKey(stripe-customer, StripeCustomerId)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string StripeCustomerId { get; init; }
    /// <summary><c>P21</c>, <c>Znode</c> or <c>Stripe</c>.</summary>
    public required string System { get; init; }
    /// <summary>The step that failed, e.g. <c>SyncP21Customer</c>.</summary>
    public required string Step { get; init; }
    public required string Reason { get; init; }
    public required long Revision { get; init; }
}
