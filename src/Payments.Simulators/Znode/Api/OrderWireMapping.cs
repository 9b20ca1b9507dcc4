using Payments.Simulators.Znode.Store;

namespace Payments.Simulators.Znode.Api;

/// <summary>The stored order as Znode's reads show it: the full <c>OrderModel</c> of <c>orders/{id}</c>, or the list row of <c>orders/list</c>.</summary>
static class OrderWireMapping
{
    /// <summary>
    /// <c>orders/{id}</c>, <c>orders/getbyordernumber/{n}</c>, <c>v2/orders/{n}</c>: state names in proper case, lines, addresses;
    /// the history rows only with <c>expand=znodeomshistories</c> (docs/external-apis/znode.md#order-history).
    /// </summary>
    public static OrderWire Full(ZnodeOrder order, ZnodeStore store, string storeName, bool withHistory)
    {
        var wire = Row(order, store, storeName);
        wire.PhoneNumber = order.PhoneNumber;
        wire.CultureCode = order.CultureCode;
        wire.OmsOrderDetailsId = order.OmsOrderDetailsId;
        wire.TransactionId = order.TransactionId;
        wire.ShipDate = order.ShipDate;
        wire.TrackingNumber = order.TrackingNumber;
        wire.DiscountAmount = ZnodeHttp.Numeric6(order.DiscountAmount);
        wire.BillingAddress = Address(order.BillingAddress, order, billing: true);
        wire.ShippingAddress = Address(order.ShippingAddress, order, billing: false);
        wire.OrderLineItems = [.. order.Lines.Select(line => new OrderLineItemWire
        {
            OmsOrderLineItemsId = line.OmsOrderLineItemsId,
            OmsOrderDetailsId = order.OmsOrderDetailsId,
            Sku = line.Sku,
            ProductName = line.ProductName,
            Quantity = ZnodeHttp.Numeric6(line.Quantity),
            Price = ZnodeHttp.Numeric6(line.Price),
            Total = ZnodeHttp.Numeric6(line.Quantity * line.Price),
            OrderLineItemState = store.States.OrderState(order.OmsOrderStateId)?.Name,
            CreatedDate = order.OrderDate,
            ModifiedDate = order.ModifiedDate,
        })];
        if (withHistory)
        {
            // Newest first, as the history tab shows them [inferred: the stored procedure's order is not public].
            wire.OrderHistoryList.OrderHistoryList = [.. order.History.OrderByDescending(h => h.OmsHistoryId).Select(h => History(h, order.OmsOrderId))];
        }
        return wire;
    }

    /// <summary>
    /// A row of <c>orders/list</c>: what the list's stored procedure returns (ids, number, names, states, money, dates), no lines,
    /// empty addresses (docs/external-apis/znode.md#orders-list). An integration reads the order itself for the rest.
    /// </summary>
    public static OrderWire Row(ZnodeOrder order, ZnodeStore store, string storeName) => new()
    {
        OmsOrderId = order.OmsOrderId,
        OrderNumber = order.OrderNumber,
        PortalId = order.PortalId,
        UserId = order.UserId ?? 0,
        UserName = $"{order.FirstName} {order.LastName}".Trim(),
        Email = order.Email,
        FirstName = order.FirstName,
        LastName = order.LastName,
        StoreName = storeName,
        CurrencyCode = order.CurrencyCode,
        OmsOrderStateId = order.OmsOrderStateId,
        OrderState = store.StateName(order.OmsOrderStateId),
        OmsPaymentStateId = order.OmsPaymentStateId,
        PaymentStatus = store.PaymentName(order.OmsPaymentStateId),
        PaymentType = order.PaymentType,
        PaymentDisplayName = order.PaymentType,
        SubTotal = ZnodeHttp.Numeric6(order.SubTotal),
        TaxCost = ZnodeHttp.Numeric6(order.TaxCost),
        ShippingCost = ZnodeHttp.Numeric6(order.ShippingCost),
        Total = ZnodeHttp.Numeric6(order.Total),
        OrderDate = order.OrderDate,
        OrderModifiedDate = order.ModifiedDate,
        ExternalId = order.ExternalId ?? "0",
        CreatedDate = order.OrderDate,
        ModifiedDate = order.ModifiedDate,
        BillingAddress = new AddressWire(),
        ShippingAddress = new AddressWire(),
    };

    public static OrderHistoryWire History(ZnodeHistoryEntry entry, int omsOrderId) => new()
    {
        OmsHistoryId = entry.OmsHistoryId,
        OmsOrderId = omsOrderId,
        OmsOrderDetailsId = entry.OmsOrderDetailsId,
        TransactionId = entry.TransactionId,
        Message = entry.Message,
        Notes = entry.Notes,
        UpdatedBy = entry.UpdatedBy,
        OrderAmount = entry.OrderAmount is { } amount ? ZnodeHttp.Numeric6(amount) : null,
        CreatedDate = entry.CreatedDate,
        ModifiedDate = entry.CreatedDate,
    };

    static AddressWire Address(ZnodeOrderAddress? address, ZnodeOrder order, bool billing) => address is null ? new AddressWire() : new AddressWire
    {
        FirstName = address.FirstName,
        LastName = address.LastName,
        DisplayName = $"{address.FirstName} {address.LastName}".Trim(),
        CompanyName = address.CompanyName,
        Address1 = address.Address1,
        Address2 = address.Address2,
        Address3 = address.Address3,
        CityName = address.CityName,
        StateName = address.StateName,
        StateCode = address.StateName,
        PostalCode = address.PostalCode,
        CountryName = address.CountryName,
        CountryCode = address.CountryName,
        PhoneNumber = address.PhoneNumber,
        EmailAddress = address.EmailAddress ?? order.Email,
        IsBilling = billing,
        IsShipping = !billing,
        OmsOrderId = order.OmsOrderId,
    };
}
