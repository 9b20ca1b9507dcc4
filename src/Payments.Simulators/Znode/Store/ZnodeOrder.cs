namespace Payments.Simulators.Znode.Store;

/// <summary>
/// An order as the simulator keeps it: the <c>ZnodeOmsOrder</c> header with its active <c>ZnodeOmsOrderDetail</c> row (the ids, the
/// states, the money), addresses, lines, history rows and what the API changed, in order. Dates are Znode's: unzoned, in the store's zone.
/// </summary>
public sealed record ZnodeOrder
{
    public required int OmsOrderId { get; init; }
    public required int OmsOrderDetailsId { get; init; }
    public required string OrderNumber { get; init; }
    public required int PortalId { get; init; }
    public int? UserId { get; init; }
    public string? Email { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? PhoneNumber { get; init; }
    public string? CurrencyCode { get; init; }
    public string CultureCode { get; init; } = "en-US";
    public required int OmsOrderStateId { get; init; }
    public int? OmsPaymentStateId { get; init; }
    public string? PaymentType { get; init; }
    public decimal SubTotal { get; init; }
    public decimal TaxCost { get; init; }
    public decimal ShippingCost { get; init; }
    public decimal DiscountAmount { get; init; }
    public decimal Total { get; init; }
    public required DateTime OrderDate { get; init; }
    public required DateTime ModifiedDate { get; init; }
    public DateTime? ShipDate { get; init; }
    public string? TransactionId { get; init; }
    public string? TrackingNumber { get; init; }
    public string? ExternalId { get; init; }
    public ZnodeOrderAddress? BillingAddress { get; init; }
    public ZnodeOrderAddress? ShippingAddress { get; init; }
    public IReadOnlyList<ZnodeOrderLine> Lines { get; init; } = [];
    /// <summary><c>ZnodeOmsHistory</c> rows of the order, oldest first.</summary>
    public IReadOnlyList<ZnodeHistoryEntry> History { get; init; } = [];
}

/// <summary>Znode's <c>AddressModel</c> fields a shopper fills in at checkout.</summary>
public sealed record ZnodeOrderAddress
{
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? CompanyName { get; init; }
    public string? Address1 { get; init; }
    public string? Address2 { get; init; }
    public string? Address3 { get; init; }
    public string? CityName { get; init; }
    /// <summary>On an order Znode returns the billing state's <b>code</b> here (e.g. <c>OH</c>).</summary>
    public string? StateName { get; init; }
    public string? PostalCode { get; init; }
    public string? CountryName { get; init; }
    public string? PhoneNumber { get; init; }
    public string? EmailAddress { get; init; }
}

/// <summary>One <c>OrderLineItemModel</c>.</summary>
public sealed record ZnodeOrderLine
{
    public required int OmsOrderLineItemsId { get; init; }
    public required string Sku { get; init; }
    public string? ProductName { get; init; }
    public required decimal Quantity { get; init; }
    public required decimal Price { get; init; }
}

/// <summary>One <c>ZnodeOmsHistory</c> row, as <c>orders/createorderhistory</c> writes it.</summary>
public sealed record ZnodeHistoryEntry
{
    public required int OmsHistoryId { get; init; }
    public int? OmsOrderDetailsId { get; init; }
    public string? TransactionId { get; init; }
    public string? Message { get; init; }
    public string? Notes { get; init; }
    public string? UpdatedBy { get; init; }
    public decimal? OrderAmount { get; init; }
    public required DateTime CreatedDate { get; init; }
}

/// <summary>
/// One change the API made to an order, for the control API (<c>GET /_sim/orders/{number}</c>, <c>GET /_sim/changes</c>):
/// what (<see cref="ZnodeChangeKinds"/>), from what to what, by which route.
/// </summary>
public sealed record ZnodeOrderChange
{
    /// <summary>1, 2, 3, … across all orders, in the order the changes happened.</summary>
    public required long Sequence { get; init; }
    public required DateTimeOffset At { get; init; }
    public required string OrderNumber { get; init; }
    public required string Kind { get; init; }
    public string? From { get; init; }
    public string? To { get; init; }
    /// <summary>The route name that made it (<c>orders.updateorderpaymentstatus</c>, …), or <c>shopper</c> for a placed order.</summary>
    public required string By { get; init; }
}

/// <summary>What a <see cref="ZnodeOrderChange"/> changed.</summary>
public static class ZnodeChangeKinds
{
    public const string Placed = "Placed";
    public const string OrderState = "OrderState";
    public const string PaymentStatus = "PaymentStatus";
    public const string TransactionId = "TransactionId";
    public const string TrackingNumber = "TrackingNumber";
    public const string History = "History";
    public const string Return = "Return";
    public const string ReturnState = "ReturnState";
    public const string ReturnNote = "ReturnNote";
}
