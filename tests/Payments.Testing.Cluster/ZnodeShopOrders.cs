using Payments.Simulators.Znode.Store;

namespace Payments.Testing.Cluster;

/// <summary>The Znode order the flow tests and the end-to-end benchmark place: three widgets, tax and shipping, a new shopper each time.</summary>
public static class ZnodeShopOrders
{
    public static ZnodeOrderSpec ThreeWidgets() => new()
    {
        Email = $"shopper.{Guid.NewGuid():N}@example.com",
        CurrencyCode = "USD",
        Lines = [new ZnodeOrderLineSpec { Sku = "WIDGET-001", ProductName = "Widget", Quantity = 3, Price = 19.99m }],
        TaxCost = 4.20m,
        ShippingCost = 7.50m,
        BillingAddress = new ZnodeOrderAddress { FirstName = "Ann", LastName = "Lee", Address1 = "200 Main St", CityName = "Columbus", StateName = "OH", PostalCode = "43215", CountryName = "US" },
    };
}
