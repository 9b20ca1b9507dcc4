using Payments.Contracts.Shared;

namespace Payments.Contracts.ChargeToOrder;

/// <summary>What the integration knows about a succeeded Stripe payment; shared by the event and the commands it causes.</summary>
public record PaymentDetails
{
    public required string ChargeId { get; init; }
    public string? PaymentIntentId { get; init; }
    /// <summary>Amount in the currency's minor units, exactly as Stripe sent it.</summary>
    public required long AmountMinor { get; init; }
    /// <summary>ISO 4217, upper case.</summary>
    public required string Currency { get; init; }
    public string? CustomerEmail { get; init; }
    public string? CustomerName { get; init; }
    public string? StripeCustomerId { get; init; }
    public string? Description { get; init; }
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();
    public IReadOnlyList<OrderLine> Lines { get; init; } = [];
    public required DateTimeOffset PaidAt { get; init; }
    public Address? ShippingAddress { get; init; }
}
