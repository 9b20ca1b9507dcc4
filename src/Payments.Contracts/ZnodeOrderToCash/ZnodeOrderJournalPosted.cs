using MassTransit;

namespace Payments.Contracts.ZnodeOrderToCash;

/// <summary>P21's general ledger holds the Znode order's journal entry (found again by its reference on a redelivery).</summary>
[MessageUrn("Payments.ZnodeOrderToCash:ZnodeOrderJournalPosted")]
[EntityName("Payments.ZnodeOrderToCash:ZnodeOrderJournalPosted")]
[FaultEntityName("MassTransit:Fault--Payments.ZnodeOrderToCash:ZnodeOrderJournalPosted--")]
public record ZnodeOrderJournalPosted : CorrelatedBy<Guid>
{
    /// <summary>Of the Znode order: <c>CorrelationKey(znode-order, OrderNumber)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string OrderNumber { get; init; }
    /// <summary>P21's reference for the entry, as P21 answered it.</summary>
    public required string JournalReference { get; init; }
    public required bool AlreadyExisted { get; init; }
}
