namespace Payments.P21Service.Configuration;

/// <summary>The <c>P21</c> configuration section: where P21 is, who we are there, and the defaults every web order gets.</summary>
public sealed class P21Options
{
    public const string Section = "P21";

    /// <summary>The P21 middleware base host, e.g. <c>https://p21.example.com</c> (token, router, OData).</summary>
    public string BaseUrl { get; set; } = "";

    /// <summary>API user (v2 token with user name and password).</summary>
    public string? Username { get; set; }
    public string? Password { get; set; }
    /// <summary>Consumer key; when set it is used instead of the password (<c>GrantType: client_credentials</c>, with <see cref="Username"/> if given).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>P21 company (<c>company_id</c>) the customers are looked up in. Never sent on an order: P21 refuses it there.</summary>
    public string CompanyId { get; set; } = "";
    public long SalesLocationId { get; set; }
    public long SourceLocationId { get; set; }
    /// <summary>Ship-to for every order; empty = the customer's own ship-to (the one numbered like the customer, else its lowest active one).</summary>
    public long? ShipToId { get; set; }
    public string? Taker { get; set; }
    /// <summary>Salesrep and default branch for customers we create (P21 requires both).</summary>
    public string SalesrepId { get; set; } = "";
    public string DefaultBranch { get; set; } = "";
    /// <summary>IANA id of the ERP's zone; an order is dated on the calendar day the payment happened there.</summary>
    public string ErpTimeZone { get; set; } = "UTC";

    /// <summary>
    /// The <c>oe_hdr</c> column that keeps the Stripe charge id on the order, so a redelivery finds the order instead of creating another.
    /// Whether P21's Order service lets you write <c>web_reference_no</c> is not publicly confirmed; use <c>po_no</c> if yours refuses it.
    /// </summary>
    public string OrderReferenceField { get; set; } = "web_reference_no";

    /// <summary>Item used when a payment carries no lines: one line for the whole amount.</summary>
    public string DefaultItemId { get; set; } = "STRIPE-SALE";

    /// <summary>
    /// The order-line field that carries the price paid. P21's field name is not publicly documented; empty = send no price and let P21 price
    /// the line (then the default item is priced by P21 too).
    /// </summary>
    public string LinePriceField { get; set; } = "unit_price";

    /// <summary>Customer for payments with neither a <c>p21_customer_id</c> nor an e-mail; empty = such payments fail for an operator to resolve.</summary>
    public long? WalkInCustomerId { get; set; }

    /// <summary>Per-request time-out; a time-out counts as a transient failure.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A token is renewed this long before it expires (at most half its lifetime).</summary>
    public TimeSpan TokenRenewalMargin { get; set; } = TimeSpan.FromMinutes(5);
}
