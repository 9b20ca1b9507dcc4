using Payments.Domain.P21;
using Payments.P21Service.Client.Transactions;
using Payments.P21Service.SalesOrders;

namespace Payments.P21Service.Returns;

/// <summary>
/// The Transaction API <c>RMA</c> sets (docs/external-apis/p21.md#rma-and-holds): a new RMA — the <c>TABPAGE_1.order</c> form (customer,
/// ship-to, sales location, the refund id in <c>po_no</c>, taker, <c>approved</c> OFF), the <c>TP_ITEMS.items</c> list keyed
/// <c>oe_order_item_id</c> + <c>max_line_no</c> (so two lines of one item stay two), the reason — and the cancellation of one, keyed by its <c>order_no</c>.
/// </summary>
public static class RmaSet
{
    public const string Service = "RMA";
    public const string Header = "TABPAGE_1.order";
    public const string Items = "TP_ITEMS.items";
    public const string Reason = "REASONCODESHDR.reasoncodeshdr";
    /// <summary><c>oe_hdr.po_no</c> is varchar(50).</summary>
    public const int ReferenceLength = 50;

    public static TransactionSet For(string refundId, long customerId, long? shipToId, IReadOnlyList<SalesOrderLine> lines, ReturnOptions options, SalesOrderOptions salesOrders)
    {
        var taker = string.IsNullOrWhiteSpace(options.Taker) ? salesOrders.Taker : options.Taker;
        var builder = TransactionSet.For(Service)
            .Form(Header, header =>
            {
                // No company_id: as on an order, the column is disabled (SC sends it with IgnoreDisabled, which skips it).
                header.Field("customer_id", customerId).Field("sales_loc_id", salesOrders.SalesLocationId);
                if (shipToId is { } ship) header.Field("ship_to_id", ship);
                header.Field("po_no", refundId).FieldIfPresent("taker", taker).Field("approved", "OFF");
            })
            .List(Items, ["oe_order_item_id", "max_line_no"], lines.Select((line, index) => (line, index)), (row, item) =>
            {
                row.Field("oe_order_item_id", item.line.ItemId)
                    .Field("unit_quantity", P21Formats.Quantity(item.line.Quantity))
                    .Field("max_line_no", item.index + 1);
                // The price field of an order line (P21:SalesOrders:LinePriceField): a refund item's line is worth the refund's amount.
                if (item.line.UnitPrice is { } price && !string.IsNullOrWhiteSpace(salesOrders.LinePriceField))
                    row.Field(salesOrders.LinePriceField, P21Formats.Money(price));
            });
        if (!string.IsNullOrWhiteSpace(options.ReasonCode))
            builder.Form(Reason, reason => reason.Field("lost_sales_id", options.ReasonCode.Trim()));
        return builder.Build();
    }

    /// <summary>An update of RMA <paramref name="rmaNo"/> that cancels it (only <c>order_no</c> and <c>cancel_flag</c> in the header).</summary>
    public static TransactionSet Cancel(string rmaNo) =>
        TransactionSet.For(Service).Form(Header, header => header.Field("order_no", rmaNo).Field("cancel_flag", "ON")).Build();
}
