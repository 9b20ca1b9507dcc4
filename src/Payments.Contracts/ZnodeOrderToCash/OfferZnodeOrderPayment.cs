using MassTransit;

namespace Payments.Contracts.ZnodeOrderToCash;

/// <summary>Make the payment available to the shopper as configured: write it to the Znode order and/or e-mail the shopper a payment link.</summary>
[MessageUrn("Payments.ZnodeOrderToCash:OfferZnodeOrderPayment")]
[EntityName("Payments.ZnodeOrderToCash:OfferZnodeOrderPayment")]
[FaultEntityName("MassTransit:Fault--Payments.ZnodeOrderToCash:OfferZnodeOrderPayment--")]
public record OfferZnodeOrderPayment : CorrelatedBy<Guid>
{
    /// <summary>Of the Znode order: <c>CorrelationKey(znode-order, OrderNumber)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string OrderNumber { get; init; }
    public required long OmsOrderId { get; init; }
    public required string PaymentIntentId { get; init; }
    public required string ClientSecret { get; init; }
    public string? ShopperEmail { get; init; }
    public required long AmountMinor { get; init; }
    public required string Currency { get; init; }
}
