using MassTransit;

namespace Payments.Contracts.ZnodeReturn;

/// <summary>An RMA return was approved in Znode (<c>APPROVED</c> or <c>PARTIALLY APPROVED</c>), found by the poller or pushed: the approved amount is to be refunded.</summary>
[MessageUrn("Payments.ZnodeReturn:ZnodeReturnApproved")]
[EntityName("Payments.ZnodeReturn:ZnodeReturnApproved")]
[FaultEntityName("MassTransit:Fault--Payments.ZnodeReturn:ZnodeReturnApproved--")]
public record ZnodeReturnApproved : CorrelatedBy<Guid>
{
    /// <summary>Of the Znode return: <c>CorrelationKey(znode-return, ReturnNumber)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string ReturnNumber { get; init; }
    public required string OrderNumber { get; init; }
    public required long OmsOrderId { get; init; }
    /// <summary>Znode's approved refund total (<c>TotalReturnAmount</c>, or the sum of approved lines' <c>RefundAmount</c>), in major units.</summary>
    public required decimal ApprovedAmount { get; init; }
    /// <summary>ISO 4217, upper case.</summary>
    public required string CurrencyCode { get; init; }
    /// <summary><c>APPROVED</c> or <c>PARTIALLY APPROVED</c>.</summary>
    public required string ReturnState { get; init; }
    /// <summary>The order's Stripe transaction id as Znode recorded it.</summary>
    public string? ChargeId { get; init; }
    public string? ShopperEmail { get; init; }
    public required DateTimeOffset ApprovedAt { get; init; }
    /// <summary><c>poller</c> or <c>webhook</c>.</summary>
    public required string Source { get; init; }
}
