using MassTransit;

namespace Payments.Contracts.StripeRefund;

/// <summary>Stripe reported <c>charge.refunded</c>. Its <c>amount_refunded</c> is cumulative and is never booked: the Stripe service lists the charge's refunds and reports each one (<see cref="StripeRefundReported"/>).</summary>
[MessageUrn("Payments.StripeRefund:StripeChargeRefunded")]
[EntityName("Payments.StripeRefund:StripeChargeRefunded")]
[FaultEntityName("MassTransit:Fault--Payments.StripeRefund:StripeChargeRefunded--")]
public record StripeChargeRefunded : CorrelatedBy<Guid>
{
    /// <summary>Of the charge: <c>CorrelationKey(stripe-charge, ChargeId)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string StripeEventId { get; init; }
    public required string ChargeId { get; init; }
    public string? PaymentIntentId { get; init; }
    /// <summary>The charge's cumulative <c>amount_refunded</c>: for the log only.</summary>
    public required long AmountRefundedMinor { get; init; }
    /// <summary>ISO 4217, upper case.</summary>
    public required string Currency { get; init; }
    public required DateTimeOffset ReportedAt { get; init; }
}
