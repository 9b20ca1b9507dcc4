using Payments.Contracts.ChargeToOrder;
using Payments.Domain.P21;
using Payments.P21Service.Client.Transactions;

namespace Payments.P21Service.SalesOrders;

/// <summary>One order line as posted: P21's item id, the quantity, and the unit price paid (none: P21 prices the line).</summary>
public sealed record SalesOrderLine(string ItemId, decimal Quantity, decimal? UnitPrice);

/// <summary>The Transaction API <c>Order</c> set: the header (customer, locations, ship-to, dates, the charge id as reference, taker, ship-to address) and the lines.</summary>
public static class SalesOrderSet
{
    public const string Header = "TABPAGE_1.order";
    public const string Items = "TP_ITEMS.items";

    public static TransactionSet For(PaymentDetails payment, long customerId, long shipToId, IReadOnlyList<SalesOrderLine> lines,
        SalesOrderOptions options, TimeZoneInfo erpZone)
    {
        var orderDate = P21Formats.ErpDate(payment.PaidAt, erpZone);
        var ship = payment.ShippingAddress;
        return TransactionSet.For("Order")
            .Form(Header, header =>
            {
                // No company_id: P21 refuses it on an order ("Column is disabled: company_id").
                header.Field("customer_id", customerId)
                    .Field("sales_loc_id", options.SalesLocationId)
                    .Field("source_loc_id", options.SourceLocationId)
                    .Field("ship_to_id", shipToId)
                    .Field("order_date", P21Formats.TransactionDate(orderDate))
                    // The requested date must fall after the order date, or P21 raises a prompt no API call can answer.
                    .Field("requested_date", P21Formats.TransactionDate(orderDate.AddDays(1)))
                    .Field(options.OrderReferenceField, payment.ChargeId);
                if (!string.IsNullOrWhiteSpace(options.Taker)) header.Field("taker", options.Taker);
                header.FieldIfPresent("oe_hdr_ship2_add1", ship?.Line1)
                    .FieldIfPresent("oe_hdr_ship2_add2", ship?.Line2)
                    .FieldIfPresent("oe_hdr_ship2_city", ship?.City)
                    .FieldIfPresent("oe_hdr_ship2_state", ship?.State)
                    .FieldIfPresent("oe_hdr_ship2_zip", ship?.PostalCode);
            })
            .List(Items, lines, (row, line) =>
            {
                row.Field("oe_order_item_id", line.ItemId).Field("unit_quantity", P21Formats.Quantity(line.Quantity));
                if (line.UnitPrice is { } price && !string.IsNullOrWhiteSpace(options.LinePriceField))
                    row.Field(options.LinePriceField, P21Formats.Money(price));
            })
            .Build();
    }
}
