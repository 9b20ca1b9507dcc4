using Payments.Contracts.Shared;
using Payments.Contracts.ZnodeOrderToCash;
using Payments.ZnodeService.Client;

namespace Payments.ZnodeService.Intake;

/// <summary>A Znode order, as read from the API, turned into the flow's <see cref="ZnodeOrderPlaced"/>. Nothing is judged here: the flow quarantines what Stripe cannot take.</summary>
public static class PlacedOrders
{
    public static ZnodeOrderPlaced From(ZnodeOrderModel order, string source, TimeZoneInfo znodeZone)
    {
        var number = order.OrderNumber!;
        return new ZnodeOrderPlaced
        {
            CorrelationId = CorrelationKey.ZnodeOrder(number).ToGuid(),
            OrderNumber = number,
            OmsOrderId = order.OmsOrderId,
            PortalId = order.PortalId == 0 ? null : order.PortalId,
            PlacedAt = ZnodeTime.ToOffset(order.OrderDate, znodeZone),
            Shopper = new ZnodeShopper
            {
                UserId = order.UserId is > 0 ? order.UserId : null,
                Email = Blank(order.Email) ?? Blank(order.BillingAddress?.EmailAddress),
                FirstName = Blank(order.FirstName) ?? Blank(order.BillingAddress?.FirstName),
                LastName = Blank(order.LastName) ?? Blank(order.BillingAddress?.LastName),
            },
            CurrencyCode = Blank(order.CurrencyCode),
            Total = order.Total,
            SubTotal = order.SubTotal,
            TaxCost = order.TaxCost,
            ShippingCost = order.ShippingCost,
            DiscountAmount = order.DiscountAmount,
            Lines = [.. (order.OrderLineItems ?? []).Select(line => new ZnodeOrderLine
            {
                OmsOrderLineItemsId = line.OmsOrderLineItemsId == 0 ? null : line.OmsOrderLineItemsId,
                Sku = line.Sku ?? "",
                ProductName = line.ProductName,
                Quantity = line.Quantity,
                Price = line.Price,
            })],
            BillingAddress = Address(order.BillingAddress),
            ShippingAddress = Address(order.ShippingAddress),
            OrderState = order.OrderState,
            PaymentStatus = order.PaymentStatus,
            Source = source,
        };
    }

    /// <summary>Znode's empty <c>AddressModel</c> (every field null) is no address.</summary>
    static ZnodeAddress? Address(ZnodeAddressModel? address)
    {
        if (address is null) return null;
        var mapped = new ZnodeAddress
        {
            FirstName = Blank(address.FirstName),
            LastName = Blank(address.LastName),
            CompanyName = Blank(address.CompanyName),
            Address1 = Blank(address.Address1),
            Address2 = Blank(address.Address2),
            Address3 = Blank(address.Address3),
            CityName = Blank(address.CityName),
            // On an order Znode puts the state's code in StateName; StateCode is the fallback.
            StateName = Blank(address.StateName) ?? Blank(address.StateCode),
            PostalCode = Blank(address.PostalCode),
            CountryName = Blank(address.CountryName) ?? Blank(address.CountryCode),
            PhoneNumber = Blank(address.PhoneNumber),
            EmailAddress = Blank(address.EmailAddress),
        };
        return mapped == new ZnodeAddress() ? null : mapped;
    }

    static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>Znode's dates carry no zone: they are on the installation's clock (<c>Znode:TimeZone</c>).</summary>
public static class ZnodeTime
{
    public static DateTimeOffset ToOffset(DateTime znodeTime, TimeZoneInfo zone)
    {
        var unspecified = DateTime.SpecifyKind(znodeTime, DateTimeKind.Unspecified);
        return new DateTimeOffset(unspecified, zone.GetUtcOffset(unspecified));
    }

    public static DateTime FromOffset(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateTime.SpecifyKind(TimeZoneInfo.ConvertTime(instant, zone).DateTime, DateTimeKind.Unspecified);
}
