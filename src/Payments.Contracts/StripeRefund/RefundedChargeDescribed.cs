using MassTransit;
using Payments.Contracts.Shared;

namespace Payments.Contracts.StripeRefund;

/// <summary>The refunded charge as Stripe has it now.</summary>
[MessageUrn("Payments.StripeRefund:RefundedChargeDescribed")]
[EntityName("Payments.StripeRefund:RefundedChargeDescribed")]
[FaultEntityName("MassTransit:Fault--Payments.StripeRefund:RefundedChargeDescribed--")]
public record RefundedChargeDescribed : CorrelatedBy<Guid>
{
    /// <summary>Of the refund: <c>CorrelationKey(stripe-refund, RefundId)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string RefundId { get; init; }
    public required StripeChargeFacts Charge { get; init; }
}
