using System.Text.Json.Nodes;
using Payments.Simulators.Stripe.Api;

namespace Payments.Simulators.Stripe.Account;

/// <summary>One line of a Checkout Session: an existing price, or a price made for this line (<c>price_data</c>).</summary>
public sealed record CheckoutLine
{
    /// <summary>An existing price (<c>price_…</c>); or leave it null and give <see cref="UnitAmount"/> with <see cref="Product"/> or <see cref="ProductName"/>.</summary>
    public string? Price { get; init; }
    public long Quantity { get; init; } = 1;

    /// <summary><c>price_data[unit_amount]</c>, minor units.</summary>
    public long? UnitAmount { get; init; }
    /// <summary><c>price_data[currency]</c>; the session's currency when null.</summary>
    public string? Currency { get; init; }
    /// <summary><c>price_data[product]</c>: an existing product.</summary>
    public string? Product { get; init; }
    /// <summary><c>price_data[product_data][name]</c>: a product made for this line.</summary>
    public string? ProductName { get; init; }
    /// <summary><c>price_data[product_data][metadata]</c>.</summary>
    public IReadOnlyDictionary<string, string>? ProductMetadata { get; init; }
}

/// <summary>What a Checkout Session create (<c>mode=payment</c>) sets.</summary>
public sealed record CheckoutSessionFields
{
    public required IReadOnlyList<CheckoutLine> Lines { get; init; }
    /// <summary>An existing customer (<c>cus_…</c>).</summary>
    public string? Customer { get; init; }
    public string? CustomerEmail { get; init; }
    public string? ClientReferenceId { get; init; }
    public string SuccessUrl { get; init; } = "https://shop.example/checkout/success";
    public string? CancelUrl { get; init; }
    public MetadataUpdate? Metadata { get; init; }
}

public sealed partial class StripeAccount
{
    /// <summary>The line items of each Checkout Session, in the order they were given (Stripe lists them that way, not newest first).</summary>
    readonly Dictionary<string, List<JsonObject>> _lineItems = new(StringComparer.Ordinal);

    /// <summary>
    /// Creates a Checkout Session in <c>payment</c> mode, <c>open</c> and <c>unpaid</c>, with its line items (<c>li_…</c>, each with its
    /// price object; prices made from <c>price_data</c> are stored too, so <c>expand[]=data.price.product</c> works). All lines share one
    /// currency. Stripe creates the PaymentIntent only when the customer pays (<see cref="CompleteCheckoutSession"/>).
    /// </summary>
    public JsonObject CreateCheckoutSession(CheckoutSessionFields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        lock (Gate)
        {
            if (fields.Lines.Count == 0) throw StripeErrors.Missing("line_items");
            if (fields.Customer is not null) Require("customer", fields.Customer, "customer", "customer");
            var items = fields.Lines.Select((line, index) => LineItem(line, index)).ToList();
            var currencies = items.Select(i => (string)i["currency"]!).Distinct().ToList();
            if (currencies.Count > 1)
                throw StripeErrors.Invalid("line_items", $"All line items must share one currency; got {string.Join(", ", currencies)}.");
            var total = items.Sum(i => (long)i["amount_total"]!);

            var session = StripeFixtures.Resource("checkout.session");
            var id = StripeIds.New("cs_test");
            session["id"] = id;
            session["object"] = "checkout.session";
            session["created"] = Now;
            session["expires_at"] = Now + 24 * 3600;
            session["livemode"] = false;
            session["mode"] = "payment";
            session["status"] = "open";
            session["payment_status"] = "unpaid";
            session["payment_intent"] = null;
            session["currency"] = currencies[0];
            session["amount_subtotal"] = total;
            session["amount_total"] = total;
            session["total_details"] = new JsonObject { ["amount_discount"] = 0, ["amount_shipping"] = 0, ["amount_tax"] = 0 };
            session["shipping_cost"] = null;
            session["shipping_address_collection"] = null;
            session["customer"] = fields.Customer;
            session["customer_email"] = fields.CustomerEmail;
            session["customer_details"] = null;
            session["client_reference_id"] = fields.ClientReferenceId;
            session["success_url"] = fields.SuccessUrl;
            session["cancel_url"] = fields.CancelUrl;
            session["metadata"] = fields.Metadata?.ApplyTo(null) ?? new JsonObject();
            session["url"] = $"https://checkout.stripe.com/c/pay/{id}";
            session["invoice_creation"] = null;
            session["after_expiration"] = null;
            Store(session);
            _lineItems[id] = items;
            return Copy(session);
        }
    }

    /// <summary>
    /// The customer pays a Checkout Session, as on Stripe's hosted page: a PaymentIntent id and a succeeded charge for the session's
    /// total in its currency, the session <c>complete</c>/<c>paid</c> and linked to the PaymentIntent, <c>customer_details</c> from the
    /// charge's billing details; with <paramref name="emit"/>, <c>charge.succeeded</c> then <c>checkout.session.completed</c>.
    /// <paramref name="charge"/> chooses the rest of the charge (id, PaymentIntent id, billing e-mail and name, customer, shipping);
    /// its metadata stays empty unless given (a Checkout shop's lines are on the session). Returns the charge as made.
    /// </summary>
    public ChargeSpec CompleteCheckoutSession(string sessionId, ChargeSpec? charge = null, bool emit = true)
    {
        lock (Gate)
        {
            var session = Require("checkout.session", sessionId, "checkout session");
            if ((string?)session["status"] != "open")
                throw StripeErrors.Refused($"This Checkout Session is no longer open (status {(string?)session["status"]}).", "checkout_session_not_open");
            var customerId = charge?.CustomerId ?? (string?)session["customer"];
            var spec = (charge ?? new ChargeSpec { Description = null }) with
            {
                Amount = (long)session["amount_total"]!,
                Currency = (string)session["currency"]!,
                CustomerId = customerId,
                // The hosted page asks for the e-mail unless the session or its customer gave one.
                BillingEmail = charge?.BillingEmail ?? (string?)session["customer_email"] ?? (customerId is null ? null : (string?)Find(customerId)?["email"]),
                Created = _time.GetUtcNow(),
            };
            if (spec.PaymentIntentId is null) spec = spec with { PaymentIntentId = StripeIds.New("pi") };

            AddCharge(spec, emit);
            session["status"] = "complete";
            session["payment_status"] = "paid";
            session["payment_intent"] = spec.PaymentIntentId;
            session["customer_details"] = new JsonObject
            {
                ["address"] = spec.ShippingAddress is { } a
                    ? new JsonObject { ["city"] = a.City, ["country"] = a.Country, ["line1"] = a.Line1, ["line2"] = a.Line2, ["postal_code"] = a.PostalCode, ["state"] = a.State }
                    : null,
                ["email"] = spec.BillingEmail ?? (string?)session["customer_email"],
                ["name"] = spec.BillingName,
                ["phone"] = null,
                ["tax_exempt"] = "none",
                ["tax_ids"] = new JsonArray(),
            };
            if (emit) Emit("checkout.session.completed", session);
            return spec;
        }
    }

    /// <summary>A session's line items (stored objects, in order); callers hold <see cref="Gate"/>.</summary>
    internal IReadOnlyList<JsonObject> LineItemsOf(string sessionId)
    {
        Require("checkout.session", sessionId, "checkout session");
        return _lineItems.GetValueOrDefault(sessionId) ?? [];
    }

    JsonObject LineItem(CheckoutLine line, int index)
    {
        var param = $"line_items[{index}]";
        if (line.Quantity < 1) throw StripeErrors.Invalid($"{param}[quantity]", $"Invalid quantity {line.Quantity}: it must be at least 1.");
        JsonObject price;
        if (line.Price is not null)
        {
            price = Require("price", line.Price, "price", $"{param}[price]");
            if (price["active"]?.GetValue<bool>() == false)
                throw StripeErrors.Invalid($"{param}[price]", $"The price {line.Price} is not active.");
        }
        else
        {
            if (line.UnitAmount is not { } unitAmount) throw StripeErrors.Missing($"{param}[price]");
            var currency = line.Currency ?? throw StripeErrors.Missing($"{param}[price_data][currency]");
            var product = line.Product is { } productId
                ? (string)Require("product", productId, "product", $"{param}[price_data][product]")["id"]!
                : (string)NewProduct(new ProductFields
                {
                    Name = line.ProductName ?? throw StripeErrors.Missing($"{param}[price_data][product_data][name]"),
                    Metadata = line.ProductMetadata is null ? null : MetadataUpdate.Set(line.ProductMetadata),
                }, emit: false)["id"]!;
            // A price made for one session is stored (so it expands) but inactive: it cannot be used again.
            price = NewPrice(new PriceFields { Product = product, UnitAmount = unitAmount, Currency = currency }, emit: false);
            price["active"] = false;
        }

        var unit = price["unit_amount"]?.GetValue<long>() ?? 0;
        var item = StripeFixtures.Resource("item");
        item["id"] = StripeIds.New("li");
        item["object"] = "item";
        item["currency"] = (string)price["currency"]!;
        item["description"] = Find((string)price["product"]!)?["name"]?.DeepClone();
        item["price"] = price.DeepClone();
        item["quantity"] = line.Quantity;
        item["amount_subtotal"] = unit * line.Quantity;
        item["amount_discount"] = 0;
        item["amount_tax"] = 0;
        item["amount_total"] = unit * line.Quantity;
        item["metadata"] = new JsonObject();
        item["adjustable_quantity"] = null;
        return item;
    }
}
