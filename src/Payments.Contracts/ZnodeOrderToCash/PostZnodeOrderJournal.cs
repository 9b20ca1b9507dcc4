using MassTransit;

namespace Payments.Contracts.ZnodeOrderToCash;

/// <summary>Post the paid Znode order's balanced journal entry in P21's general ledger (accounts from configuration).</summary>
[MessageUrn("Payments.ZnodeOrderToCash:PostZnodeOrderJournal")]
[EntityName("Payments.ZnodeOrderToCash:PostZnodeOrderJournal")]
[FaultEntityName("MassTransit:Fault--Payments.ZnodeOrderToCash:PostZnodeOrderJournal--")]
public record PostZnodeOrderJournal : CorrelatedBy<Guid>
{
    /// <summary>Of the Znode order: <c>CorrelationKey(znode-order, OrderNumber)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string OrderNumber { get; init; }
    public required string PaymentIntentId { get; init; }
    public string? ChargeId { get; init; }
    public required long AmountMinor { get; init; }
    public required string Currency { get; init; }
    public required DateTimeOffset PaidAt { get; init; }
}
