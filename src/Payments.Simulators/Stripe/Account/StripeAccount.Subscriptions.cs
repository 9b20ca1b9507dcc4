using System.Globalization;
using System.Text.Json.Nodes;
using Payments.Simulators.Stripe.Api;

namespace Payments.Simulators.Stripe.Account;

/// <summary>One item of a subscription create: a recurring price and how many.</summary>
public sealed record SubscriptionItemFields(string Price, long Quantity = 1);

/// <summary>What a subscription create sets.</summary>
public sealed record SubscriptionFields
{
    public required string Customer { get; init; }
    public required IReadOnlyList<SubscriptionItemFields> Items { get; init; }
    /// <summary>The card each invoice is charged to (<c>pm_card_visa</c>, <c>pm_card_chargeDeclined</c>, …); null: the customer's
    /// <c>invoice_settings.default_payment_method</c>, else <c>pm_card_visa</c> (the fake's assumption: a card on file).</summary>
    public string? DefaultPaymentMethod { get; init; }
    public bool CancelAtPeriodEnd { get; init; }
    public MetadataUpdate? Metadata { get; init; }
}

/// <summary>One item of a subscription update: an existing item (<see cref="Id"/>) changed or deleted, or a new one (<see cref="Price"/>).</summary>
public sealed record SubscriptionItemChange(string? Id, string? Price, long? Quantity, bool Deleted = false);

/// <summary>What a subscription update sets; null leaves a field as it is.</summary>
public sealed record SubscriptionChange
{
    public IReadOnlyList<SubscriptionItemChange> Items { get; init; } = [];
    /// <summary><c>create_prorations</c> (default: the credit and charge wait for the next invoice), <c>always_invoice</c> (invoiced and
    /// charged now), <c>none</c>.</summary>
    public string? ProrationBehavior { get; init; }
    /// <summary>The moment the change counts from (unix seconds); null: now.</summary>
    public long? ProrationDate { get; init; }
    public bool? CancelAtPeriodEnd { get; init; }
    public string? DefaultPaymentMethod { get; init; }
    public MetadataUpdate? Metadata { get; init; }
}

/// <summary>
/// Stripe Billing as API 2025-03-31.basil and later shape it (docs/external-apis/stripe.md#subscriptions-and-invoices): subscriptions
/// whose periods sit on their items, invoices with <c>parent.subscription_details</c>, lines with <c>pricing.price_details</c> and
/// <c>parent.*_details.proration</c>, and payments linked to invoices only through <c>invoice_payment</c> objects (a charge has no
/// <c>invoice</c> field in the API version the fake serves). Periods advance when a renewal is asked for (<see cref="RenewSubscription"/>),
/// not with the clock.
/// </summary>
public sealed partial class StripeAccount
{
    /// <summary>Lines of each invoice, in invoice order (Stripe lists them that way, not newest first).</summary>
    readonly Dictionary<string, List<JsonObject>> _invoiceLines = new(StringComparer.Ordinal);
    /// <summary>Proration lines of <c>create_prorations</c> changes, waiting for the subscription's next invoice.</summary>
    readonly Dictionary<string, List<JsonObject>> _pendingProrations = new(StringComparer.Ordinal);
    /// <summary>The invoice a payment intent pays (for the legacy <c>invoice</c> field, <see cref="StripeApiFakeOptions.ChargeInvoiceField"/>).</summary>
    readonly Dictionary<string, string> _invoiceOfPaymentIntent = new(StringComparer.Ordinal);
    int _invoiceNumber;

    /// <summary>
    /// Creates a subscription and its first invoice (<c>subscription_create</c>), charged at once: <c>customer.subscription.created</c>
    /// (<c>active</c>, or <c>incomplete</c> when the card declines), <c>invoice.created</c>, <c>invoice.finalized</c>, the payment's own
    /// events (<c>payment_intent.created</c>, <c>charge.succeeded</c>, …) and <c>invoice.paid</c> + <c>invoice.payment_succeeded</c>, or
    /// <c>invoice.payment_failed</c>.
    /// </summary>
    public JsonObject CreateSubscription(SubscriptionFields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        lock (Gate)
        {
            var customer = Require("customer", fields.Customer, "customer", "customer");
            if (fields.Items.Count == 0) throw StripeErrors.Missing("items");
            var prices = fields.Items.Select((item, i) => RecurringPrice(item.Price, $"items[{i}][price]")).ToList();
            CheckSameBilling(prices);
            foreach (var (item, i) in fields.Items.Select((item, i) => (item, i)))
                if (item.Quantity < 1) throw StripeErrors.Invalid($"items[{i}][quantity]", $"Invalid quantity {item.Quantity}: it must be at least 1.");
            var paymentMethod = fields.DefaultPaymentMethod
                                ?? (string?)customer["invoice_settings"]?["default_payment_method"]
                                ?? "pm_card_visa";
            var card = CardOf(paymentMethod) ?? throw StripeErrors.NoSuch("PaymentMethod", paymentMethod, "default_payment_method");

            var id = StripeIds.New("sub");
            var start = Now;
            var end = PeriodEnd(start, prices[0]);
            var subscription = StripeFixtures.Resource("subscription");
            subscription["id"] = id;
            subscription["created"] = start;
            subscription["start_date"] = start;
            subscription["billing_cycle_anchor"] = start;
            subscription["billing_cycle_anchor_config"] = null;
            subscription["livemode"] = false;
            subscription["customer"] = fields.Customer;
            subscription["currency"] = (string)prices[0]["currency"]!;
            subscription["default_payment_method"] = paymentMethod;
            subscription["cancel_at"] = fields.CancelAtPeriodEnd ? end : null;
            subscription["cancel_at_period_end"] = fields.CancelAtPeriodEnd;
            subscription["canceled_at"] = null;
            subscription["ended_at"] = null;
            subscription["cancellation_details"] = new JsonObject { ["comment"] = null, ["feedback"] = null, ["reason"] = null };
            subscription["next_pending_invoice_item_invoice"] = null;
            subscription["pause_collection"] = null;
            subscription["trial_start"] = null;
            subscription["trial_end"] = null;
            subscription["metadata"] = fields.Metadata?.ApplyTo(null) ?? new JsonObject();
            subscription["items"] = new JsonObject
            {
                ["object"] = "list",
                ["data"] = new JsonArray([.. fields.Items.Select((item, i) => (JsonNode)NewSubscriptionItem(id, prices[i], item.Quantity, start, end))]),
                ["has_more"] = false,
                ["url"] = $"/v1/subscription_items?subscription={id}",
            };
            subscription["status"] = card.Declines ? "incomplete" : "active";
            subscription["latest_invoice"] = null;
            Store(subscription);

            var invoice = NewInvoice(subscription, "subscription_create", ItemLines(subscription, start, end), start, end);
            subscription["latest_invoice"] = (string)invoice["id"]!;
            Emit("customer.subscription.created", subscription);
            Finalize(invoice);
            Pay(invoice, paymentMethod);
            return Copy(subscription);
        }
    }

    /// <summary>
    /// The next billing period: the subscription's items move one interval on, and an invoice (<c>subscription_cycle</c>) for the new
    /// period, with any waiting proration lines first, is charged to <paramref name="paymentMethod"/> (which becomes the card on file)
    /// or the card on file: paid, or failed (<c>invoice.payment_failed</c>, the subscription <c>past_due</c>). A subscription set to
    /// cancel at period end ends instead (<c>customer.subscription.deleted</c>). Returns the new invoice, or the ended subscription.
    /// </summary>
    public JsonObject RenewSubscription(string subscriptionId, string? paymentMethod = null)
    {
        lock (Gate)
        {
            var subscription = Require("subscription", subscriptionId, "subscription");
            if ((string?)subscription["status"] is "canceled" or "incomplete_expired")
                throw StripeErrors.Refused($"The subscription {subscriptionId} has ended ({subscription["status"]}); it renews no more.");
            if (paymentMethod is not null)
            {
                _ = CardOf(paymentMethod) ?? throw StripeErrors.NoSuch("PaymentMethod", paymentMethod, "payment_method");
                subscription["default_payment_method"] = paymentMethod;
            }
            var items = (JsonArray)subscription["items"]!["data"]!;
            var oldEnd = (long)items[0]!["current_period_end"]!;
            if ((bool?)subscription["cancel_at_period_end"] == true)
            {
                End(subscription, "cancellation_requested", oldEnd);
                return Copy(subscription);
            }

            var previousItems = items.DeepClone();
            var newEnd = PeriodEnd(oldEnd, (JsonObject)items[0]!["price"]!);
            foreach (var item in items)
            {
                item!["current_period_start"] = oldEnd;
                item["current_period_end"] = newEnd;
            }
            var lines = _pendingProrations.Remove(subscriptionId, out var pending) ? pending : [];
            lines.AddRange(ItemLines(subscription, oldEnd, newEnd));
            var invoice = NewInvoice(subscription, "subscription_cycle", lines, oldEnd, newEnd);
            var previousInvoice = subscription["latest_invoice"]?.DeepClone();
            subscription["latest_invoice"] = (string)invoice["id"]!;
            Emit("customer.subscription.updated", subscription, new JsonObject { ["items"] = new JsonObject { ["data"] = previousItems }, ["latest_invoice"] = previousInvoice });
            Finalize(invoice);
            Pay(invoice, (string)subscription["default_payment_method"]!);
            return Copy(invoice);
        }
    }

    /// <summary>
    /// Changes a subscription mid-cycle: items' prices or quantities (proration lines — credit for the unused time of the old
    /// item, charge for the remaining time of the new one — waiting for the next invoice, or invoiced and charged now with
    /// <c>always_invoice</c>), <c>cancel_at_period_end</c>, the card on file, metadata. Emits <c>customer.subscription.updated</c>
    /// with <c>previous_attributes</c>.
    /// </summary>
    public JsonObject UpdateSubscription(string subscriptionId, SubscriptionChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (Gate)
        {
            var subscription = Require("subscription", subscriptionId, "subscription");
            if ((string?)subscription["status"] is "canceled" or "incomplete_expired")
                throw StripeErrors.Refused($"A canceled subscription can only update its cancellation_details and metadata.");
            var behavior = change.ProrationBehavior ?? "create_prorations";
            if (behavior is not ("create_prorations" or "always_invoice" or "none"))
                throw StripeErrors.Invalid("proration_behavior", $"Invalid proration_behavior: must be one of always_invoice, create_prorations, or none (got '{behavior}').");
            if (change.DefaultPaymentMethod is { } method)
                _ = CardOf(method) ?? throw StripeErrors.NoSuch("PaymentMethod", method, "default_payment_method");

            var before = Copy(subscription);
            var items = (JsonArray)subscription["items"]!["data"]!;
            var periodStart = (long)items[0]!["current_period_start"]!;
            var periodEnd = (long)items[0]!["current_period_end"]!;
            var at = Math.Clamp(change.ProrationDate ?? Now, periodStart, periodEnd);
            var fraction = periodEnd == periodStart ? 0m : (decimal)(periodEnd - at) / (periodEnd - periodStart);
            var prorations = new List<JsonObject>();
            foreach (var (itemChange, i) in change.Items.Select((c, i) => (c, i)))
            {
                var param = $"items[{i}]";
                if (itemChange.Quantity is < 1 && !itemChange.Deleted)
                    throw StripeErrors.Invalid($"{param}[quantity]", $"Invalid quantity {itemChange.Quantity}: it must be at least 1.");
                JsonObject? old = null;
                if (itemChange.Id is not null)
                    old = items.OfType<JsonObject>().FirstOrDefault(item => (string?)item["id"] == itemChange.Id)
                          ?? throw StripeErrors.NoSuch("subscription item", itemChange.Id, $"{param}[id]");
                var oldPrice = (JsonObject?)old?["price"];
                var oldQuantity = (long?)old?["quantity"] ?? 0;
                var newPrice = itemChange.Deleted ? null : itemChange.Price is { } priceId ? RecurringPrice(priceId, $"{param}[price]") : oldPrice;
                if (newPrice is null && !itemChange.Deleted) throw StripeErrors.Missing($"{param}[price]");
                var newQuantity = itemChange.Deleted ? 0 : itemChange.Quantity ?? (old is null ? 1 : oldQuantity);
                if (newPrice is not null) CheckSameBilling([(JsonObject)items[0]!["price"]!, newPrice]);

                if (oldPrice is not null && old is not null)
                    prorations.Add(ProrationLine(subscription, old, oldPrice, oldQuantity, -1, fraction, at, periodEnd));
                if (itemChange.Deleted)
                {
                    if (old is not null) items.Remove(old);
                    continue;
                }
                if (old is null)
                {
                    old = NewSubscriptionItem(subscriptionId, newPrice!, newQuantity, periodStart, periodEnd);
                    items.Add(old);
                }
                else
                {
                    old["price"] = newPrice!.DeepClone();
                    old["quantity"] = newQuantity;
                }
                prorations.Add(ProrationLine(subscription, old, newPrice!, newQuantity, +1, fraction, at, periodEnd));
            }
            if (items.Count == 0) throw StripeErrors.Invalid("items", "A subscription must keep at least one item.");
            if (change.CancelAtPeriodEnd is { } cancel)
            {
                subscription["cancel_at_period_end"] = cancel;
                subscription["cancel_at"] = cancel ? periodEnd : null;
                subscription["canceled_at"] = cancel ? Now : null;
                subscription["cancellation_details"]!["reason"] = cancel ? "cancellation_requested" : null;
            }
            if (change.DefaultPaymentMethod is not null) subscription["default_payment_method"] = change.DefaultPaymentMethod;
            if (change.Metadata is not null) subscription["metadata"] = change.Metadata.ApplyTo(subscription["metadata"]);

            // Lines that cancel out (a change to the same price and quantity) are dropped, as Stripe does not prorate a no-op.
            prorations = [.. prorations.Where(line => (long)line["amount"]! != 0)];
            JsonObject? invoice = null;
            if (behavior == "create_prorations" && prorations.Count > 0)
            {
                if (!_pendingProrations.TryGetValue(subscriptionId, out var pending)) _pendingProrations[subscriptionId] = pending = [];
                pending.AddRange(prorations);
            }
            else if (behavior == "always_invoice" && prorations.Count > 0)
            {
                var lines = _pendingProrations.Remove(subscriptionId, out var pending) ? pending : [];
                lines.AddRange(prorations);
                invoice = NewInvoice(subscription, "subscription_update", lines, at, periodEnd);
                subscription["latest_invoice"] = (string)invoice["id"]!;
            }

            var previous = new JsonObject();
            foreach (var (name, value) in before)
                if (!JsonNode.DeepEquals(value, subscription[name])) previous[name] = value?.DeepClone();
            if (previous.Count > 0) Emit("customer.subscription.updated", subscription, previous);
            if (invoice is not null)
            {
                Finalize(invoice);
                Pay(invoice, (string)subscription["default_payment_method"]!);
            }
            return Copy(subscription);
        }
    }

    /// <summary>Cancels a subscription now (<c>DELETE /v1/subscriptions/{id}</c>): <c>canceled</c>, <c>customer.subscription.deleted</c>; waiting prorations are dropped.</summary>
    public JsonObject CancelSubscription(string subscriptionId)
    {
        lock (Gate)
        {
            var subscription = Require("subscription", subscriptionId, "subscription");
            if ((string?)subscription["status"] is "canceled" or "incomplete_expired")
                throw StripeErrors.Refused($"No such subscription: '{subscriptionId}' is already canceled.", "resource_missing", "id");
            End(subscription, "cancellation_requested", Now);
            return Copy(subscription);
        }
    }

    /// <summary>Charges an open invoice again (<c>POST /v1/invoices/{id}/pay</c>, or a retry of a failed renewal).</summary>
    public JsonObject PayInvoice(string invoiceId, string? paymentMethod = null)
    {
        lock (Gate)
        {
            var invoice = Require("invoice", invoiceId, "invoice");
            if ((string?)invoice["status"] != "open")
                throw StripeErrors.Refused($"Invoice is already {invoice["status"]}", "invoice_not_open");
            var method = paymentMethod ?? (SubscriptionOf(invoice) is { } sub ? Find(sub) : null)?["default_payment_method"]?.GetValue<string>() ?? "pm_card_visa";
            _ = CardOf(method) ?? throw StripeErrors.NoSuch("PaymentMethod", method, "payment_method");
            Pay(invoice, method);
            return Copy(invoice);
        }
    }

    /// <summary>Voids an open invoice (<c>POST /v1/invoices/{id}/void</c>): <c>void</c>, <c>invoice.voided</c>; nothing is owed any more.</summary>
    public JsonObject VoidInvoice(string invoiceId)
    {
        lock (Gate)
        {
            var invoice = Require("invoice", invoiceId, "invoice");
            if ((string?)invoice["status"] != "open")
                throw StripeErrors.Refused($"You can only pass in open invoices. This invoice isn't open ({invoice["status"]}).", "invoice_not_open");
            invoice["status"] = "void";
            invoice["amount_remaining"] = 0L;
            invoice["next_payment_attempt"] = null;
            invoice["status_transitions"]!["voided_at"] = Now;
            Emit("invoice.voided", invoice);
            return Copy(invoice);
        }
    }

    /// <summary>The lines of an invoice, in invoice order.</summary>
    internal IReadOnlyList<JsonObject> LinesOf(string invoiceId)
    {
        Require("invoice", invoiceId, "invoice");
        return _invoiceLines.GetValueOrDefault(invoiceId) ?? [];
    }

    /// <summary>The subscription an invoice bills (<c>parent.subscription_details.subscription</c>), or null.</summary>
    internal static string? SubscriptionOf(JsonObject invoice) => (string?)invoice["parent"]?["subscription_details"]?["subscription"];

    /// <summary>The invoice a payment intent pays, when it pays one.</summary>
    internal string? InvoiceOfPaymentIntent(string? paymentIntentId) =>
        paymentIntentId is null ? null : _invoiceOfPaymentIntent.GetValueOrDefault(paymentIntentId);

    JsonObject RecurringPrice(string priceId, string param)
    {
        var price = Require("price", priceId, "price", param);
        if ((string?)price["type"] != "recurring")
            throw StripeErrors.Invalid(param, $"The price specified is set to `type=one_time` but this field only accepts prices with `type=recurring`.");
        return price;
    }

    static void CheckSameBilling(IReadOnlyList<JsonObject> prices)
    {
        string Billing(JsonObject p) => $"{p["currency"]}/{p["recurring"]!["interval"]}/{p["recurring"]!["interval_count"]}";
        if (prices.Select(Billing).Distinct().Count() > 1)
            throw StripeErrors.Invalid("items", "Currency and interval fields must match across all plans on this subscription. Found mismatches in: " +
                                                string.Join(", ", prices.Select(Billing).Distinct()) + ".");
    }

    long PeriodEnd(long start, JsonObject price)
    {
        var from = DateTimeOffset.FromUnixTimeSeconds(start);
        var count = (int?)price["recurring"]!["interval_count"] ?? 1;
        var to = (string?)price["recurring"]!["interval"] switch
        {
            "day" => from.AddDays(count),
            "week" => from.AddDays(7 * count),
            "year" => from.AddYears(count),
            _ => from.AddMonths(count),
        };
        return to.ToUnixTimeSeconds();
    }

    JsonObject NewSubscriptionItem(string subscriptionId, JsonObject price, long quantity, long start, long end) => new()
    {
        ["id"] = StripeIds.New("si"),
        ["object"] = "subscription_item",
        ["created"] = Now,
        ["discounts"] = new JsonArray(),
        ["metadata"] = new JsonObject(),
        ["price"] = price.DeepClone(),
        ["plan"] = null,
        ["quantity"] = quantity,
        ["subscription"] = subscriptionId,
        ["tax_rates"] = new JsonArray(),
        ["billing_thresholds"] = null,
        ["current_period_start"] = start,
        ["current_period_end"] = end,
    };

    /// <summary>A line per item for a whole period: <c>1 × Support plan (at $49.00 / month)</c>.</summary>
    List<JsonObject> ItemLines(JsonObject subscription, long start, long end) =>
    [
        .. ((JsonArray)subscription["items"]!["data"]!).OfType<JsonObject>().Select(item =>
        {
            var price = (JsonObject)item["price"]!;
            var quantity = (long)item["quantity"]!;
            var amount = (long)price["unit_amount"]! * quantity;
            return Line(subscription, item, price, quantity, amount, $"{quantity} × {ProductName(price)} (at {Money(price)} / {price["recurring"]!["interval"]})",
                proration: false, start, end);
        }),
    ];

    JsonObject ProrationLine(JsonObject subscription, JsonObject item, JsonObject price, long quantity, int sign, decimal fraction, long at, long end)
    {
        var full = (long)price["unit_amount"]! * quantity;
        // Minor units of the invoice's currency, whatever its exponent (JPY has none): whole units, half away from zero.
        var amount = sign * (long)Math.Round(full * fraction, MidpointRounding.AwayFromZero);
        var after = DateTimeOffset.FromUnixTimeSeconds(at).ToString("d MMM yyyy", CultureInfo.InvariantCulture);
        var description = sign < 0
            ? $"Unused time on {quantity} × {ProductName(price)} after {after}"
            : $"Remaining time on {quantity} × {ProductName(price)} after {after}";
        return Line(subscription, item, price, quantity, amount, description, proration: true, at, end);
    }

    JsonObject Line(JsonObject subscription, JsonObject item, JsonObject price, long quantity, long amount, string description, bool proration, long start, long end)
    {
        var subscriptionId = (string)subscription["id"]!;
        // Stripe puts a proration on an invoice item of its own (parent invoice_item_details); a period's charge comes from the
        // subscription item itself (subscription_item_details).
        var parent = proration
            ? new JsonObject
            {
                ["type"] = "invoice_item_details",
                ["invoice_item_details"] = new JsonObject
                {
                    ["invoice_item"] = StripeIds.New("ii"), ["proration"] = true,
                    ["proration_details"] = new JsonObject { ["credited_items"] = null }, ["subscription"] = subscriptionId,
                },
                ["subscription_item_details"] = null,
            }
            : new JsonObject
            {
                ["type"] = "subscription_item_details",
                ["invoice_item_details"] = null,
                ["subscription_item_details"] = new JsonObject
                {
                    ["invoice_item"] = null, ["proration"] = false, ["proration_details"] = new JsonObject { ["credited_items"] = null },
                    ["subscription"] = subscriptionId, ["subscription_item"] = (string)item["id"]!,
                },
            };
        return new JsonObject
        {
            ["id"] = StripeIds.New("il"),
            ["object"] = "line_item",
            ["amount"] = amount,
            ["currency"] = (string)price["currency"]!,
            ["description"] = description,
            ["discount_amounts"] = new JsonArray(),
            ["discountable"] = !proration,
            ["discounts"] = new JsonArray(),
            ["invoice"] = null,
            ["livemode"] = false,
            ["metadata"] = new JsonObject(),
            ["parent"] = parent,
            ["period"] = new JsonObject { ["end"] = end, ["start"] = start },
            ["pretax_credit_amounts"] = new JsonArray(),
            ["pricing"] = new JsonObject
            {
                ["type"] = "price_details",
                ["price_details"] = new JsonObject { ["price"] = (string)price["id"]!, ["product"] = (string)price["product"]! },
                ["unit_amount_decimal"] = (string?)price["unit_amount_decimal"],
            },
            ["quantity"] = quantity,
            ["quantity_decimal"] = quantity.ToString(CultureInfo.InvariantCulture),
            ["subtotal"] = amount,
            ["taxes"] = new JsonArray(),
        };
    }

    string ProductName(JsonObject price) => (string?)Find((string)price["product"]!)?["name"] ?? (string)price["product"]!;

    static string Money(JsonObject price)
    {
        var currency = ((string)price["currency"]!).ToUpperInvariant();
        var amount = (long)price["unit_amount"]!;
        return IsZeroDecimal(currency)
            ? $"{amount.ToString(CultureInfo.InvariantCulture)} {currency}"
            : $"{(amount / 100m).ToString("0.00", CultureInfo.InvariantCulture)} {currency}";
    }

    /// <summary>Stripe's zero-decimal currencies (docs.stripe.com/currencies#zero-decimal): amounts are whole units.</summary>
    internal static bool IsZeroDecimal(string currency) => currency.ToUpperInvariant() is
        "BIF" or "CLP" or "DJF" or "GNF" or "JPY" or "KMF" or "KRW" or "MGA" or "PYG" or "RWF" or "UGX" or "VND" or "VUV" or "XAF" or "XOF" or "XPF";

    /// <summary>A draft invoice with its lines (<c>invoice.created</c>); <see cref="Finalize"/> opens it.</summary>
    JsonObject NewInvoice(JsonObject subscription, string billingReason, List<JsonObject> lines, long periodStart, long periodEnd)
    {
        var customer = Find((string)subscription["customer"]!)!;
        var id = StripeIds.New("in");
        foreach (var line in lines) line["invoice"] = id;
        _invoiceLines[id] = lines;
        var total = lines.Sum(l => (long)l["amount"]!);
        var invoice = StripeFixtures.Resource("invoice");
        invoice["id"] = id;
        invoice["created"] = Now;
        invoice["livemode"] = false;
        invoice["customer"] = (string)customer["id"]!;
        invoice["customer_email"] = (string?)customer["email"];
        invoice["customer_name"] = (string?)customer["name"];
        invoice["customer_phone"] = (string?)customer["phone"];
        invoice["customer_address"] = customer["address"]?.DeepClone();
        invoice["customer_shipping"] = null;
        invoice["customer_tax_ids"] = new JsonArray();
        invoice["currency"] = (string)subscription["currency"]!;
        invoice["billing_reason"] = billingReason;
        invoice["collection_method"] = "charge_automatically";
        invoice["status"] = "draft";
        invoice["number"] = null;
        invoice["description"] = null;
        invoice["due_date"] = null;
        invoice["effective_at"] = null;
        invoice["from_invoice"] = null;
        invoice["last_finalization_error"] = null;
        invoice["latest_revision"] = null;
        invoice["hosted_invoice_url"] = null;
        invoice["invoice_pdf"] = null;
        invoice["metadata"] = new JsonObject();
        invoice["subtotal"] = total;
        invoice["subtotal_excluding_tax"] = total;
        invoice["total"] = total;
        invoice["total_excluding_tax"] = total;
        invoice["total_taxes"] = new JsonArray();
        invoice["total_discount_amounts"] = new JsonArray();
        invoice["total_pretax_credit_amounts"] = new JsonArray();
        // A credit larger than the charge (a downgrade) leaves nothing to pay; Stripe credits the rest to the customer's balance.
        invoice["amount_due"] = Math.Max(0, total);
        invoice["amount_paid"] = 0L;
        invoice["amount_remaining"] = Math.Max(0, total);
        invoice["amount_shipping"] = 0L;
        invoice["starting_balance"] = 0L;
        invoice["ending_balance"] = null;
        invoice["attempt_count"] = 0;
        invoice["attempted"] = false;
        invoice["auto_advance"] = true;
        invoice["next_payment_attempt"] = null;
        invoice["period_start"] = periodStart;
        invoice["period_end"] = periodEnd;
        invoice["default_payment_method"] = null;
        invoice["parent"] = new JsonObject
        {
            ["type"] = "subscription_details",
            ["quote_details"] = null,
            ["subscription_details"] = new JsonObject
            {
                // subscription_proration_date is left out when there is none: Stripe.net reads it as a non-nullable date.
                ["metadata"] = subscription["metadata"]?.DeepClone(), ["subscription"] = (string)subscription["id"]!,
            },
        };
        invoice["status_transitions"] = new JsonObject { ["finalized_at"] = null, ["marked_uncollectible_at"] = null, ["paid_at"] = null, ["voided_at"] = null };
        invoice["lines"] = EmbeddedLines(id, lines);
        Store(invoice);
        Emit("invoice.created", invoice);
        return invoice;
    }

    /// <summary>An invoice embeds its first ten lines, as Stripe does; the rest are read with <c>GET /v1/invoices/{id}/lines</c>.</summary>
    static JsonObject EmbeddedLines(string invoiceId, List<JsonObject> lines) => new()
    {
        ["object"] = "list",
        ["data"] = new JsonArray([.. lines.Take(10).Select(l => (JsonNode)l.DeepClone())]),
        ["has_more"] = lines.Count > 10,
        ["total_count"] = lines.Count,
        ["url"] = $"/v1/invoices/{invoiceId}/lines",
    };

    void Finalize(JsonObject invoice)
    {
        var customer = Find((string)invoice["customer"]!)!;
        invoice["status"] = "open";
        invoice["number"] = $"{customer["invoice_prefix"]}-{(++_invoiceNumber).ToString("0000", CultureInfo.InvariantCulture)}";
        invoice["effective_at"] = Now;
        invoice["status_transitions"]!["finalized_at"] = Now;
        Emit("invoice.finalized", invoice);
    }

    /// <summary>One payment attempt: a PaymentIntent confirmed with the card (its own events), linked by an <c>invoice_payment</c>.</summary>
    void Pay(JsonObject invoice, string paymentMethod)
    {
        var invoiceId = (string)invoice["id"]!;
        var amountDue = (long)invoice["amount_due"]!;
        invoice["attempt_count"] = (int)invoice["attempt_count"]! + 1;
        invoice["attempted"] = true;
        var subscription = SubscriptionOf(invoice) is { } subscriptionId ? Find(subscriptionId) : null;
        var succeeded = true;
        if (amountDue > 0)
        {
            var description = (string?)invoice["billing_reason"] == "subscription_create" ? "Subscription creation" : "Subscription update";
            var intent = CreatePaymentIntent(new PaymentIntentFields
            {
                Amount = amountDue, Currency = (string)invoice["currency"]!, Customer = (string)invoice["customer"]!, Description = description,
                PaymentMethod = paymentMethod,
            });
            var intentId = (string)intent.PaymentIntent["id"]!;
            _invoiceOfPaymentIntent[intentId] = invoiceId;
            var outcome = ConfirmPaymentIntent(intentId, null, null);
            succeeded = !outcome.Declined;
            var payment = StripeFixtures.Resource("invoice_payment");
            payment["id"] = StripeIds.New("inpay");
            payment["created"] = Now;
            payment["livemode"] = false;
            payment["currency"] = (string)invoice["currency"]!;
            payment["invoice"] = invoiceId;
            payment["is_default"] = true;
            payment["amount_requested"] = amountDue;
            payment["amount_paid"] = succeeded ? amountDue : null;
            payment["payment"] = new JsonObject { ["type"] = "payment_intent", ["payment_intent"] = intentId, ["charge"] = null, ["payment_record"] = null };
            payment["status"] = succeeded ? "paid" : "open";
            payment["status_transitions"] = new JsonObject { ["canceled_at"] = null, ["paid_at"] = succeeded ? Now : null };
            Store(payment);
        }

        var previousStatus = (string?)subscription?["status"];
        if (succeeded)
        {
            invoice["status"] = "paid";
            invoice["amount_paid"] = amountDue;
            invoice["amount_remaining"] = 0L;
            invoice["next_payment_attempt"] = null;
            invoice["ending_balance"] = Math.Min(0, (long)invoice["total"]!);
            invoice["status_transitions"]!["paid_at"] = Now;
            invoice["lines"] = EmbeddedLines(invoiceId, _invoiceLines[invoiceId]);
            Emit("invoice.paid", invoice);
            Emit("invoice.payment_succeeded", invoice);
            if (subscription is not null && previousStatus is "past_due" or "incomplete" or "unpaid")
            {
                subscription["status"] = "active";
                Emit("customer.subscription.updated", subscription, new JsonObject { ["status"] = previousStatus });
            }
        }
        else
        {
            // Smart Retries would try again in a few days (docs.stripe.com/billing/revenue-recovery/smart-retries).
            invoice["next_payment_attempt"] = Now + (long)TimeSpan.FromDays(3).TotalSeconds;
            Emit("invoice.payment_failed", invoice);
            if (subscription is not null && previousStatus == "active" && (string?)invoice["billing_reason"] != "subscription_create")
            {
                subscription["status"] = "past_due";
                Emit("customer.subscription.updated", subscription, new JsonObject { ["status"] = previousStatus });
            }
        }
    }

    void End(JsonObject subscription, string reason, long endedAt)
    {
        var subscriptionId = (string)subscription["id"]!;
        subscription["status"] = "canceled";
        subscription["canceled_at"] ??= Now;
        subscription["ended_at"] = endedAt;
        subscription["cancellation_details"]!["reason"] = reason;
        _pendingProrations.Remove(subscriptionId);
        Emit("customer.subscription.deleted", subscription);
    }

    /// <summary>The fixed ids of <see cref="SeedBillingCatalog"/>, for sandbox scenarios and tests.</summary>
    public static class BillingCatalog
    {
        public const string SupportPlanProduct = "prod_SimSupportPlan";
        public const string SupportPlanMonthlyUsd = "price_SimSupportPlanMonthlyUsd";
        public const string SupportPlanMonthlyJpy = "price_SimSupportPlanMonthlyJpy";
        public const string SupportPlusProduct = "prod_SimSupportPlus";
        public const string SupportPlusMonthlyUsd = "price_SimSupportPlusMonthlyUsd";
        public const string ExtraSeatProduct = "prod_SimExtraSeat";
        public const string ExtraSeatMonthlyUsd = "price_SimExtraSeatMonthlyUsd";
    }

    /// <summary>
    /// A small billing catalogue with fixed ids (<see cref="BillingCatalog"/>): Support plan (49.00 USD or 5000 JPY a month), Support plan
    /// plus (99.00 USD a month) and Extra seat (15.00 USD a month per seat). Seeding twice changes nothing. Returns the products and prices.
    /// </summary>
    public IReadOnlyList<JsonObject> SeedBillingCatalog()
    {
        lock (Gate)
        {
            JsonObject Product(string id, string name, string description) =>
                Find(id) ?? NewProduct(new ProductFields { Id = id, Name = name, Description = description }, emit: false);
            JsonObject Price(string id, string product, long amount, string currency) =>
                Find(id) ?? NewPrice(new PriceFields { Id = id, Product = product, UnitAmount = amount, Currency = currency, Recurring = new PriceRecurrence("month") }, emit: false);
            return
            [
                Copy(Product(BillingCatalog.SupportPlanProduct, "Support plan", "Monthly support plan")),
                Copy(Price(BillingCatalog.SupportPlanMonthlyUsd, BillingCatalog.SupportPlanProduct, 4900, "usd")),
                Copy(Price(BillingCatalog.SupportPlanMonthlyJpy, BillingCatalog.SupportPlanProduct, 5000, "jpy")),
                Copy(Product(BillingCatalog.SupportPlusProduct, "Support plan plus", "Monthly support plan with a named engineer")),
                Copy(Price(BillingCatalog.SupportPlusMonthlyUsd, BillingCatalog.SupportPlusProduct, 9900, "usd")),
                Copy(Product(BillingCatalog.ExtraSeatProduct, "Extra seat", "One more user on the support plan")),
                Copy(Price(BillingCatalog.ExtraSeatMonthlyUsd, BillingCatalog.ExtraSeatProduct, 1500, "usd")),
            ];
        }
    }
}
