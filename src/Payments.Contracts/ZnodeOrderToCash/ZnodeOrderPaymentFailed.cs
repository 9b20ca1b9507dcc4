using MassTransit;

namespace Payments.Contracts.ZnodeOrderToCash;

/// <summary>Stripe reported a failed attempt to pay the Znode order (<c>payment_intent.payment_failed</c> or <c>charge.failed</c>). The PaymentIntent stays open: a later attempt may succeed.</summary>
[MessageUrn("Payments.ZnodeOrderToCash:ZnodeOrderPaymentFailed")]
[EntityName("Payments.ZnodeOrderToCash:ZnodeOrderPaymentFailed")]
[FaultEntityName("MassTransit:Fault--Payments.ZnodeOrderToCash:ZnodeOrderPaymentFailed--")]
public record ZnodeOrderPaymentFailed : CorrelatedBy<Guid>
{
    /// <summary>Of the Znode order: <c>CorrelationKey(znode-order, OrderNumber)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string OrderNumber { get; init; }
    public required string StripeEventId { get; init; }
    public required string PaymentIntentId { get; init; }
    public string? ChargeId { get; init; }
    /// <summary>Stripe's decline code (e.g. <c>insufficient_funds</c>) and message.</summary>
    public string? DeclineCode { get; init; }
    public string? FailureMessage { get; init; }
    public required DateTimeOffset FailedAt { get; init; }
}
