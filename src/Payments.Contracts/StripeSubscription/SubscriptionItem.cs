namespace Payments.Contracts.StripeSubscription;

/// <summary>One item of a subscription: what is billed, how many.</summary>
public record SubscriptionItem
{
    public required string ItemId { get; init; }
    public string? PriceId { get; init; }
    public string? ProductId { get; init; }
    public long Quantity { get; init; } = 1;
    /// <summary>The price's <c>unit_amount</c> in minor units, when it has one.</summary>
    public long? UnitAmountMinor { get; init; }
    /// <summary>The price's <c>recurring.interval</c> (<c>month</c>, <c>year</c>, …).</summary>
    public string? Interval { get; init; }
}
