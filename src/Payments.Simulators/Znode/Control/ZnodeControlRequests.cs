using Payments.Simulators.Znode.Store;

namespace Payments.Simulators.Znode.Control;

/// <summary><c>POST /_sim/orders</c>: an order as a shopper places it (camelCase; every field optional, defaults as <see cref="ZnodeOrderSpec"/>).</summary>
public sealed record PlaceOrderRequest
{
    public string? Email { get; init; }
    /// <summary>True places an order without an e-mail address (a store that lets that through).</summary>
    public bool NoEmail { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? PhoneNumber { get; init; }
    public int? UserId { get; init; }
    public string? CurrencyCode { get; init; }
    public List<PlaceOrderLine>? Lines { get; init; }
    public decimal TaxCost { get; init; }
    public decimal ShippingCost { get; init; }
    public decimal DiscountAmount { get; init; }
    public decimal? Total { get; init; }
    public ZnodeOrderAddress? BillingAddress { get; init; }
    public ZnodeOrderAddress? ShippingAddress { get; init; }
    public string? PaymentType { get; init; }
    public string? PaymentStatus { get; init; }
    public string? OrderState { get; init; }
    public string? OrderNumber { get; init; }

    public ZnodeOrderSpec ToSpec()
    {
        var spec = new ZnodeOrderSpec();
        return spec with
        {
            Email = NoEmail ? null : Email ?? spec.Email,
            FirstName = FirstName ?? spec.FirstName,
            LastName = LastName ?? spec.LastName,
            PhoneNumber = PhoneNumber,
            UserId = UserId ?? spec.UserId,
            CurrencyCode = CurrencyCode ?? spec.CurrencyCode,
            Lines = Lines is null ? spec.Lines : [.. Lines.Select(l => new ZnodeOrderLineSpec { Sku = l.Sku, ProductName = l.ProductName, Quantity = l.Quantity, Price = l.Price })],
            TaxCost = TaxCost,
            ShippingCost = ShippingCost,
            DiscountAmount = DiscountAmount,
            Total = Total,
            BillingAddress = BillingAddress,
            ShippingAddress = ShippingAddress,
            PaymentType = PaymentType ?? spec.PaymentType,
            PaymentStatus = PaymentStatus,
            OrderState = OrderState ?? spec.OrderState,
            OrderNumber = OrderNumber,
        };
    }
}

public sealed record PlaceOrderLine
{
    public string Sku { get; init; } = "";
    public string? ProductName { get; init; }
    public decimal Quantity { get; init; } = 1;
    public decimal Price { get; init; }
}

/// <summary><c>POST /_sim/throttle</c>: switch the 429 mode on.</summary>
public sealed record ThrottleRequest
{
    public int PermitLimit { get; init; }
    public int WindowMs { get; init; } = 1000;
}

/// <summary>What the control API shows of an order: the order, its history rows and what changed, in order.</summary>
public sealed record ZnodeOrderView(
    int OmsOrderId, string OrderNumber, string OrderState, string? PaymentStatus, string? TransactionId, string? TrackingNumber,
    string? Email, string? CurrencyCode, decimal Total, DateTime OrderDate, DateTime ModifiedDate,
    IReadOnlyList<ZnodeOrderLine> Lines, ZnodeOrderAddress? BillingAddress, ZnodeOrderAddress? ShippingAddress,
    IReadOnlyList<ZnodeHistoryEntry> History, IReadOnlyList<ZnodeOrderChange> Changes)
{
    public static ZnodeOrderView Of(ZnodeOrder order, ZnodeStore store) => new(
        order.OmsOrderId, order.OrderNumber, store.StateName(order.OmsOrderStateId), store.PaymentName(order.OmsPaymentStateId), order.TransactionId,
        order.TrackingNumber, order.Email, order.CurrencyCode, order.Total, order.OrderDate, order.ModifiedDate, order.Lines, order.BillingAddress,
        order.ShippingAddress, order.History, store.ChangesOf(order.OrderNumber));
}

/// <summary><c>POST /_sim/returns</c>: a shopper's return of an order; no lines returns every line whole.</summary>
public sealed record CreateReturnRequest
{
    public string OrderNumber { get; init; } = "";
    public List<CreateReturnLine>? Lines { get; init; }
    /// <summary>False saves it NOT SUBMITTED (<c>saveorderreturn</c>).</summary>
    public bool Submit { get; init; } = true;
    public string? Notes { get; init; }
}

public sealed record CreateReturnLine
{
    public string Sku { get; init; } = "";
    public decimal Quantity { get; init; } = 1;
}

/// <summary><c>POST /_sim/returns/{number}/approve</c>: as an admin would; an amount below the return's total approves part of it.</summary>
public sealed record ApproveReturnRequest
{
    public decimal? Amount { get; init; }
    public string? Notes { get; init; }
}

/// <summary>What the control API shows of a return: the return, its state in proper case, the order's payment status now.</summary>
public sealed record ZnodeReturnView(
    string ReturnNumber, string OrderNumber, string ReturnState, int RmaReturnStateId, decimal TotalReturnAmount, string? CurrencyCode,
    string? OrderPaymentStatus, DateTime ReturnDate, DateTime ModifiedDate, IReadOnlyList<ZnodeReturnLine> Lines, IReadOnlyList<ZnodeReturnNote> Notes,
    IReadOnlyList<ZnodeReturnHistoryEntry> History)
{
    public static ZnodeReturnView Of(ZnodeReturn item, ZnodeStore store) => new(
        item.ReturnNumber, item.OrderNumber, store.ReturnStateName(item.RmaReturnStateId), item.RmaReturnStateId, item.TotalReturnAmount, item.CurrencyCode,
        store.PaymentName(store.FindOrder(item.OmsOrderId)?.OmsPaymentStateId), item.ReturnDate, item.ModifiedDate, item.Lines, item.Notes, item.History);
}

/// <summary>
/// <c>POST /_sim/users</c> (a shopper registers; fields left out take <see cref="ZnodeUserSpec"/>'s defaults) and
/// <c>PATCH /_sim/users/{id}</c> (an edit in Znode: only the fields given change; <see cref="BillingAddress"/> edits the default billing address).
/// </summary>
public sealed record UserRequest
{
    public string? Email { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? PhoneNumber { get; init; }
    public string? CompanyName { get; init; }
    public UserAddressRequest? BillingAddress { get; init; }
}

public sealed record UserAddressRequest
{
    public string? Address1 { get; init; }
    public string? Address2 { get; init; }
    public string? Address3 { get; init; }
    public string? CityName { get; init; }
    public string? StateName { get; init; }
    public string? PostalCode { get; init; }
    public string? CountryName { get; init; }

    public ZnodeUserAddress ApplyTo(ZnodeUserAddress address) => address with
    {
        Address1 = Address1 ?? address.Address1,
        Address2 = Address2 ?? address.Address2,
        Address3 = Address3 ?? address.Address3,
        CityName = CityName ?? address.CityName,
        StateName = StateName ?? address.StateName,
        PostalCode = PostalCode ?? address.PostalCode,
        CountryName = CountryName ?? address.CountryName,
    };
}
