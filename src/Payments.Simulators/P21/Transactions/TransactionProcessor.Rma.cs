using System.Globalization;
using Payments.Simulators.P21.Store;

namespace Payments.Simulators.P21.Transactions;

/// <summary>
/// The Transaction API's <c>RMA</c> service and updates of an existing order (docs/external-apis/p21.md#rma-and-holds).
/// An RMA is an <c>oe_hdr</c> row with <c>rma_flag = 'Y'</c>, created through <c>RMA</c> with the <c>TABPAGE_1.order</c> form,
/// <c>TP_ITEMS.items</c> rows keyed <c>oe_order_item_id</c> + <c>max_line_no</c> and the <c>REASONCODESHDR.reasoncodeshdr</c> reason [seen];
/// its number comes back as the <c>order_no</c> Edit [seen]. The <c>Order</c> service refuses to load an RMA [seen]. Cancelling an RMA
/// (an update through <c>RMA</c> keyed by <c>order_no</c> setting <c>cancel_flag</c>) and holding an order (an <c>Order</c> update keyed
/// by <c>order_no</c> setting <c>approved</c> OFF/ON, or a hold class) are not in public material [inferred].
/// </summary>
public sealed partial class TransactionProcessor
{
    public const string RmaService = "RMA";
    public const string RmaReason = "REASONCODESHDR.reasoncodeshdr";
    /// <summary>P21's words when the Order service is asked for an RMA [seen].</summary>
    public const string RmaThroughOrder = "You cannot retrieve an RMA from the Order Entry/Front Counter window.";

    static readonly HashSet<string> RmaHeaderFields =
    [
        "company_id", "customer_id", "sales_loc_id", "ship_to_id", "contact_id", "po_no", "taker", "approved", "order_no", "cancel_flag",
    ];

    /// <summary>What an update of an existing order may change; any other header field is refused as P21 refuses <c>customer_id</c> on an update [seen].</summary>
    static readonly HashSet<string> OrderUpdateFields = ["order_no", "approved", "order_hold_class_id"];

    static readonly HashSet<string> RmaUpdateFields = ["order_no", "cancel_flag", "approved"];

    static string? HeaderOrderNo(Transaction transaction, string header, string key = "order_no") =>
        Element(transaction, header)?.Rows is { Count: > 0 } rows
        && rows[^1].Edits?.LastOrDefault(e => e.Name == key)?.Value is { Length: > 0 } orderNo
            ? orderNo
            : null;

    /// <summary>An <c>Order</c> update: only <c>approved</c> (ON/OFF, or Y/N as codes) and a hold class; an RMA is refused with P21's words.</summary>
    Transaction UpdateOrder(Transaction transaction, string orderNo)
    {
        RequireKnownElements(transaction, OrderHeader);
        var header = SingleRowEdits(Element(transaction, OrderHeader)!, new HashSet<string>(OrderHeaderFields) { "order_hold_class_id" });
        if (header.Keys.FirstOrDefault(f => !OrderUpdateFields.Contains(f)) is { } disabled)
            throw new BusinessRuleException($"Column is disabled: {disabled}"); // [seen, for customer_id]
        var existing = store.FindOrder(orderNo) ?? throw new BusinessRuleException($"Order {orderNo} does not exist."); // our wording
        if (existing.RmaFlag == "Y") throw new BusinessRuleException(RmaThroughOrder);
        var approved = header.TryGetValue("approved", out var a) ? Checkbox(a, "Approved") : null;
        var holdClass = header.TryGetValue("order_hold_class_id", out var h) ? (string.IsNullOrWhiteSpace(h) ? "" : h.Trim()) : null;
        var stored = store.UpdateOrder(orderNo, order => order with
        {
            Approved = approved ?? order.Approved,
            OrderHoldClassId = holdClass is null ? order.OrderHoldClassId : holdClass.Length == 0 ? null : holdClass,
            DateLastModified = time.GetUtcNow().UtcDateTime,
        })!;
        return Passed(stored, header, withItems: false);
    }

    /// <summary>A new RMA: the customer, the returned lines (prices as sent in the configured price field, else the item's list price) and the reason.</summary>
    Transaction CreateRma(Transaction transaction, bool ignoreDisabled)
    {
        RequireKnownElements(transaction, OrderHeader, OrderItems, RmaReason);
        var header = Element(transaction, OrderHeader) is { } h ? SingleRowEdits(h, RmaHeaderFields) : throw new BusinessRuleException("Customer ID is required");
        FitLengths(header, OrderHeaderLengths);
        // SC sends company_id with IgnoreDisabled: true [seen]: P21 then skips the disabled column instead of refusing it.
        if (header.ContainsKey("company_id") && !ignoreDisabled) throw new BusinessRuleException("Column is disabled: company_id");
        if (!header.TryGetValue("customer_id", out var customerText)) throw new BusinessRuleException("Customer ID is required");
        var customer = (long.TryParse(customerText, NumberStyles.None, CultureInfo.InvariantCulture, out var customerId) ? store.FindCustomer(customerId) : null)
            is { DeleteFlag: "N" } c && c.CompanyId == options.CompanyId
            ? c
            : throw new BusinessRuleException($"Customer ID {customerText} is not valid.");
        // Without a ship-to P21 takes the customer's default one [inferred].
        var shipToId = header.TryGetValue("ship_to_id", out var shipToText) ? Number(shipToText, "Ship To ID") : customer.ShipToIds[0];
        if (!customer.ShipToIds.Contains(shipToId)) throw new BusinessRuleException($"Ship To ID {shipToText} is not valid for customer {customer.CustomerId}.");
        var salesLocation = header.TryGetValue("sales_loc_id", out var salesText) ? Number(salesText, "Sales Location") : 10;
        var reason = Element(transaction, RmaReason) is { } r ? SingleRowEdits(r, new HashSet<string> { "lost_sales_id" }).GetValueOrDefault("lost_sales_id") : null;

        var lines = RmaLines(transaction);
        if (lines.Count == 0) throw new BusinessRuleException("An RMA needs at least one item."); // our wording
        var today = time.GetUtcNow().UtcDateTime.Date;
        var stored = store.AddOrder((orderNo, uid) => new P21OrderRecord
        {
            OrderNo = orderNo, OeHdrUid = uid, CompanyId = customer.CompanyId, CustomerId = customer.CustomerId, OrderDate = today, RequestedDate = today,
            LocationId = salesLocation, SourceLocationId = salesLocation, ShipToId = shipToId, PoNo = header.GetValueOrDefault("po_no"),
            Taker = header.GetValueOrDefault("taker"), ContactId = header.GetValueOrDefault("contact_id"),
            Approved = header.GetValueOrDefault("approved") is { } approved ? Checkbox(approved, "Approved")! : "Y",
            RmaFlag = "Y", LostSalesId = reason, DateCreated = time.GetUtcNow().UtcDateTime, Lines = lines,
        });
        return Passed(stored, header.Where(e => e.Key != "company_id").ToDictionary(), withItems: true);
    }

    /// <summary>Cancels an RMA (<c>cancel_flag</c> ON) or approves it; only an RMA may be loaded here.</summary>
    Transaction UpdateRma(Transaction transaction, string orderNo)
    {
        RequireKnownElements(transaction, OrderHeader);
        var header = SingleRowEdits(Element(transaction, OrderHeader)!, RmaHeaderFields);
        if (header.Keys.FirstOrDefault(f => !RmaUpdateFields.Contains(f)) is { } disabled)
            throw new BusinessRuleException($"Column is disabled: {disabled}");
        var existing = store.FindOrder(orderNo) ?? throw new BusinessRuleException($"RMA {orderNo} does not exist."); // our wording
        if (existing.RmaFlag != "Y") throw new BusinessRuleException($"Order {orderNo} is not an RMA."); // our wording
        var cancel = header.TryGetValue("cancel_flag", out var cf) ? Checkbox(cf, "Cancel") : null;
        var approved = header.TryGetValue("approved", out var a) ? Checkbox(a, "Approved") : null;
        var stored = store.UpdateOrder(orderNo, order => order with
        {
            CancelFlag = cancel ?? order.CancelFlag,
            Approved = approved ?? order.Approved,
            DateLastModified = time.GetUtcNow().UtcDateTime,
        })!;
        return Passed(stored, header, withItems: false);
    }

    List<P21OrderLineRecord> RmaLines(Transaction transaction)
    {
        var element = Element(transaction, OrderItems);
        if (element is null) return [];
        var keys = element.Keys is { Count: > 0 } k ? k : ["oe_order_item_id", "max_line_no"];
        var allowed = new HashSet<string> { "oe_order_item_id", "unit_quantity", "max_line_no", "unit_of_measure", options.LinePriceField };
        var rows = new List<(string Key, Dictionary<string, string> Edits)>();
        foreach (var row in element.Rows ?? [])
        {
            var edits = RowEdits(row, allowed);
            FitLengths(edits, OrderLineLengths);
            var key = string.Join('\u001f', keys.Select(name => edits.TryGetValue(name, out var v)
                ? v
                : throw new BusinessRuleException("General Exception: Sequence contains no matching element"))); // [seen]
            var index = rows.FindIndex(r => r.Key == key);
            if (index >= 0) rows[index] = (key, edits); // equal keys collapse, the last one winning [seen]
            else rows.Add((key, edits));
        }

        var lines = new List<P21OrderLineRecord>();
        foreach (var (_, edits) in rows)
        {
            var itemId = edits.GetValueOrDefault("oe_order_item_id") ?? throw new BusinessRuleException("This column is required.");
            var item = store.FindItem(itemId) is { DeleteFlag: "N" } found
                ? found
                : throw new BusinessRuleException(string.Format(CultureInfo.InvariantCulture, options.UnknownItemMessage, itemId));
            var quantity = edits.TryGetValue("unit_quantity", out var q) ? Decimal(q, "Quantity") : 1m;
            if (quantity <= 0) throw new BusinessRuleException("Quantity must be greater than zero."); // our wording
            var price = edits.TryGetValue(options.LinePriceField, out var p) ? Decimal(p, "Unit Price") : item.Price1;
            lines.Add(new P21OrderLineRecord
            {
                LineNo = lines.Count + 1, InvMastUid = item.InvMastUid, ItemId = item.ItemId, UnitQuantity = quantity, UnitPrice = price,
                UnitOfMeasure = edits.GetValueOrDefault("unit_of_measure") ?? item.DefaultSellingUnit,
            });
        }
        return lines;
    }

    static Transaction Passed(P21OrderRecord stored, Dictionary<string, string> header, bool withItems)
    {
        var echoed = header.Where(e => e.Key != "order_no").Select(e => new Edit { Name = e.Key, Value = e.Value })
            .Append(new Edit { Name = "order_no", Value = stored.OrderNo }).ToList();
        var form = new DataElement { Name = OrderHeader, Type = "Form", Keys = ["order_no"], Rows = [new DataRow { Edits = echoed }] };
        return new Transaction { Status = "Passed", DataElements = withItems ? [form, ItemsElement(stored)] : [form] };
    }

    /// <summary>A checkbox as display label (<c>ON</c>/<c>OFF</c>) or code (<c>Y</c>/<c>N</c>), stored as the code.</summary>
    static string? Checkbox(string value, string label) => value.Trim().ToUpperInvariant() switch
    {
        "ON" or "Y" => "Y",
        "OFF" or "N" => "N",
        _ => throw new BusinessRuleException($"Invalid value for {label}: {value}"),
    };
}
