namespace Payments.Simulators.Znode.Store;

/// <summary>
/// What a shopper puts in the cart and fills in at checkout. Nothing is refused here (no e-mail, an unknown currency, a zero
/// total are all placed): the flow must cope with what a store lets through. Sub-total and total are computed as Znode does
/// (lines, plus tax and shipping, less discount) unless given.
/// </summary>
public sealed record ZnodeOrderSpec
{
    public string? Email { get; init; } = "shopper@example.com";
    public string? FirstName { get; init; } = "Ann";
    public string? LastName { get; init; } = "Lee";
    public string? PhoneNumber { get; init; }
    public int? UserId { get; init; } = 77;
    public string? CurrencyCode { get; init; } = "USD";
    public IReadOnlyList<ZnodeOrderLineSpec> Lines { get; init; } = [new() { Sku = "ABC-1", ProductName = "Widget", Quantity = 2, Price = 50m }];
    public decimal TaxCost { get; init; }
    public decimal ShippingCost { get; init; }
    public decimal DiscountAmount { get; init; }
    /// <summary>Overrides the computed total (e.g. a store that rounds differently).</summary>
    public decimal? Total { get; init; }
    public ZnodeOrderAddress? BillingAddress { get; init; }
    /// <summary>Null ships to the billing address.</summary>
    public ZnodeOrderAddress? ShippingAddress { get; init; }
    public string? PaymentType { get; init; } = "Invoice Me";
    /// <summary>Null = <see cref="ZnodeSimulatorOptions.InitialPaymentStatus"/>.</summary>
    public string? PaymentStatus { get; init; }
    public string OrderState { get; init; } = "SUBMITTED";
    /// <summary>Null = Znode's format from the store name and the time.</summary>
    public string? OrderNumber { get; init; }
}

public sealed record ZnodeOrderLineSpec
{
    public required string Sku { get; init; }
    public string? ProductName { get; init; }
    public decimal Quantity { get; init; } = 1;
    public decimal Price { get; init; }
}
