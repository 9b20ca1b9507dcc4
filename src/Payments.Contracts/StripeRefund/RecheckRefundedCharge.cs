using MassTransit;

namespace Payments.Contracts.StripeRefund;

/// <summary>Scheduled by the flow: the refunded charge had no ERP document yet; read it again.</summary>
[MessageUrn("Payments.StripeRefund:RecheckRefundedCharge")]
[EntityName("Payments.StripeRefund:RecheckRefundedCharge")]
[FaultEntityName("MassTransit:Fault--Payments.StripeRefund:RecheckRefundedCharge--")]
public record RecheckRefundedCharge : CorrelatedBy<Guid>
{
    /// <summary>Of the refund: <c>CorrelationKey(stripe-refund, RefundId)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string RefundId { get; init; }
    /// <summary>1 for the first recheck.</summary>
    public required int Attempt { get; init; }
}
