namespace Payments.Contracts.ZnodeOrderToCash;

/// <summary>One line of a Znode order; money in the order's currency, as Znode's decimals.</summary>
public record ZnodeOrderLine
{
    public long? OmsOrderLineItemsId { get; init; }
    public required string Sku { get; init; }
    public string? ProductName { get; init; }
    public required decimal Quantity { get; init; }
    public required decimal Price { get; init; }
}
