using System.ComponentModel.DataAnnotations;

namespace Payments.P21Service.SalesOrders;

/// <summary>The <c>P21:SalesOrders</c> section: what every sales order we create gets.</summary>
public sealed class SalesOrderOptions
{
    public const string Section = "P21:SalesOrders";

    [Range(1, long.MaxValue, ErrorMessage = "{0} is required (a P21 location id).")]
    public long SalesLocationId { get; set; }

    [Range(1, long.MaxValue, ErrorMessage = "{0} is required: P21 refuses an order without it (tax jurisdiction).")]
    public long SourceLocationId { get; set; }

    /// <summary>Ship-to for every order; empty = the customer's own ship-to (the one numbered like the customer, else its lowest active one).</summary>
    [Range(1, long.MaxValue, ErrorMessage = "{0} must be a positive id, or left empty for the customer's default ship-to.")]
    public long? ShipToId { get; set; }

    /// <summary>Order taker; empty = none sent.</summary>
    public string? Taker { get; set; }

    /// <summary>
    /// The <c>oe_hdr</c> column that keeps the Stripe charge id on the order, so a redelivery finds the order instead of creating another.
    /// Whether P21's Order service lets you write <c>web_reference_no</c> is not publicly confirmed; use <c>po_no</c> if yours refuses it.
    /// </summary>
    [AllowedValues("web_reference_no", "po_no", ErrorMessage = "{0} must be web_reference_no or po_no.")]
    public string OrderReferenceField { get; set; } = "web_reference_no";

    /// <summary>Item used when a payment carries no lines: one line for the whole amount.</summary>
    [Required(ErrorMessage = "{0} is required (the item for payments without lines).")]
    public string DefaultItemId { get; set; } = "STRIPE-SALE";

    /// <summary>
    /// The order-line field that carries the price paid. P21's field name is not publicly documented; empty = send no price and let P21 price
    /// the line (then the default item is priced by P21 too).
    /// </summary>
    public string? LinePriceField { get; set; } = "unit_price";
}
