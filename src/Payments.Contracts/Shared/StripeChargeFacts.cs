namespace Payments.Contracts.Shared;

/// <summary>
/// A Stripe charge as the money-back flows need it (refunds, disputes, risk), read fresh from Stripe by the Stripe service: its amount and
/// refunds, Radar's outcome, whether it is disputed, and the documents the other flows left on it in metadata. The P21 order number is
/// written onto the charge as the charge-to-order flow's last step, so its presence means P21's sales order exists.
/// </summary>
public record StripeChargeFacts
{
    public required string ChargeId { get; init; }
    public string? PaymentIntentId { get; init; }
    public required long AmountMinor { get; init; }
    /// <summary>ISO 4217, upper case.</summary>
    public required string Currency { get; init; }
    /// <summary>Stripe's <c>status</c>: <c>succeeded</c>, <c>pending</c>, <c>failed</c>.</summary>
    public required string Status { get; init; }
    /// <summary>Stripe's cumulative <c>amount_refunded</c>: for display; bookings use <see cref="Refunds"/>, each refund's own amount.</summary>
    public required long AmountRefundedMinor { get; init; }
    /// <summary>Every refund of the charge as Stripe lists it now.</summary>
    public IReadOnlyList<ChargeRefundFact> Refunds { get; init; } = [];
    public required bool Disputed { get; init; }
    /// <summary>Radar's <c>outcome.risk_level</c> (<c>normal</c>, <c>elevated</c>, <c>highest</c>, <c>not_assessed</c>, <c>unknown</c>).</summary>
    public string? RiskLevel { get; init; }
    public int? RiskScore { get; init; }
    public string? StripeCustomerId { get; init; }
    /// <summary>The P21 sales order the charge-to-order flow wrote back (<c>metadata.p21_order_no</c>).</summary>
    public string? P21OrderNo { get; init; }
    public string? P21CustomerId { get; init; }
    /// <summary>The Znode order the charge paid (the configured metadata key, <c>znode_order_number</c> by default).</summary>
    public string? ZnodeOrderNumber { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
}

/// <summary>One refund of a charge: its own amount and status.</summary>
public record ChargeRefundFact
{
    public required string RefundId { get; init; }
    public required long AmountMinor { get; init; }
    /// <summary>Stripe's refund status (<c>pending</c>, <c>requires_action</c>, <c>succeeded</c>, <c>failed</c>, <c>canceled</c>).</summary>
    public required string Status { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
}
