namespace Payments.Contracts.ChargeToOrder;

/// <summary>One sold line as Stripe described it; amounts stay in the currency's minor units.</summary>
public record OrderLine
{
    public required string Sku { get; init; }
    public string? Description { get; init; }
    public decimal Quantity { get; init; } = 1;
    public long? UnitAmountMinor { get; init; }
}
