using MassTransit;

namespace Payments.Contracts.ZnodeOrderToCash;

/// <summary>A Znode order was placed and awaits payment (found by the poller on Znode 9.x or pushed by Znode 10's webhook). Amounts are Znode's own and nothing is validated here: the flow quarantines what Stripe cannot take.</summary>
[MessageUrn("Payments.ZnodeOrderToCash:ZnodeOrderPlaced")]
[EntityName("Payments.ZnodeOrderToCash:ZnodeOrderPlaced")]
[FaultEntityName("MassTransit:Fault--Payments.ZnodeOrderToCash:ZnodeOrderPlaced--")]
public record ZnodeOrderPlaced : CorrelatedBy<Guid>
{
    /// <summary>Of the Znode order: <c>CorrelationKey(znode-order, OrderNumber)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string OrderNumber { get; init; }
    public required long OmsOrderId { get; init; }
    public int? PortalId { get; init; }
    public required DateTimeOffset PlacedAt { get; init; }
    public required ZnodeShopper Shopper { get; init; }
    /// <summary>As Znode has it (ISO 4217 expected; an unknown one is quarantined by the flow).</summary>
    public string? CurrencyCode { get; init; }
    public required decimal Total { get; init; }
    public decimal SubTotal { get; init; }
    public decimal TaxCost { get; init; }
    public decimal ShippingCost { get; init; }
    public decimal DiscountAmount { get; init; }
    public IReadOnlyList<ZnodeOrderLine> Lines { get; init; } = [];
    public ZnodeAddress? BillingAddress { get; init; }
    public ZnodeAddress? ShippingAddress { get; init; }
    /// <summary>Znode's order state and payment status names when the order was read.</summary>
    public string? OrderState { get; init; }
    public string? PaymentStatus { get; init; }
    /// <summary>How the order arrived: <c>poller</c> or <c>webhook</c>.</summary>
    public required string Source { get; init; }
}
