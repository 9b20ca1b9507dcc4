namespace Payments.Contracts.StripeSubscription;

/// <summary>A line of a Stripe invoice: signed amount (a credit for unused time is negative), price and product, proration, period.</summary>
public record SubscriptionInvoiceLine
{
    public required string LineId { get; init; }
    public required long AmountMinor { get; init; }
    public string? Description { get; init; }
    public string? PriceId { get; init; }
    public string? ProductId { get; init; }
    /// <summary>The product's name, for the quarantine reason and item suggestions.</summary>
    public string? ProductName { get; init; }
    public decimal? Quantity { get; init; } = 1;
    public bool Proration { get; init; }
    public DateTimeOffset? PeriodStart { get; init; }
    public DateTimeOffset? PeriodEnd { get; init; }
    public long DiscountMinor { get; init; }
}
