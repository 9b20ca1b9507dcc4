using System.Text.Json.Nodes;
using Payments.Simulators.Stripe.Api;

namespace Payments.Simulators.Stripe.Account;

/// <summary>What a product create sets.</summary>
public sealed record ProductFields
{
    public required string Name { get; init; }
    public string? Description { get; init; }
    /// <summary>E.g. <c>p21_item_id</c>, the P21 item a shop's product stands for.</summary>
    public MetadataUpdate? Metadata { get; init; }
    /// <summary>A fixed id (the seeded billing catalogue's); null: a fresh <c>prod_…</c>.</summary>
    public string? Id { get; init; }
}

/// <summary>How often a recurring price bills: <c>day</c>, <c>week</c>, <c>month</c> or <c>year</c>, every <see cref="IntervalCount"/> of them.</summary>
public sealed record PriceRecurrence(string Interval, int IntervalCount = 1);

/// <summary>What a price create sets: one-time, or recurring (<see cref="Recurring"/>) for subscriptions.</summary>
public sealed record PriceFields
{
    /// <summary>The product's id (<c>prod_…</c>).</summary>
    public required string Product { get; init; }
    /// <summary>Minor units per unit.</summary>
    public required long UnitAmount { get; init; }
    /// <summary>Lower-case ISO 4217.</summary>
    public required string Currency { get; init; }
    public string? LookupKey { get; init; }
    public string? Nickname { get; init; }
    public MetadataUpdate? Metadata { get; init; }
    /// <summary>Null: a one-time price.</summary>
    public PriceRecurrence? Recurring { get; init; }
    /// <summary>A fixed id (the seeded billing catalogue's); null: a fresh <c>price_…</c>.</summary>
    public string? Id { get; init; }
}

public sealed partial class StripeAccount
{
    /// <summary>Creates a product (<c>prod_…</c>) and emits <c>product.created</c>.</summary>
    public JsonObject CreateProduct(ProductFields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        lock (Gate) return Copy(NewProduct(fields, emit: true));
    }

    /// <summary>Creates a one-time or recurring price (<c>price_…</c>) of an existing product and emits <c>price.created</c>.</summary>
    public JsonObject CreatePrice(PriceFields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        lock (Gate)
        {
            Require("product", fields.Product, "product", "product");
            return Copy(NewPrice(fields, emit: true));
        }
    }

    JsonObject NewProduct(ProductFields fields, bool emit)
    {
        if (string.IsNullOrWhiteSpace(fields.Name)) throw StripeErrors.Missing("name");
        var product = StripeFixtures.Resource("product");
        product["id"] = fields.Id ?? StripeIds.New("prod");
        product["created"] = Now;
        product["updated"] = Now;
        product["livemode"] = false;
        product["name"] = fields.Name;
        product["description"] = fields.Description;
        product["default_price"] = null;
        product["package_dimensions"] = null;
        product["metadata"] = fields.Metadata?.ApplyTo(null) ?? new JsonObject();
        Store(product);
        if (emit) Emit("product.created", product);
        return product;
    }

    JsonObject NewPrice(PriceFields fields, bool emit)
    {
        if (fields.UnitAmount < 0) throw StripeErrors.Invalid("unit_amount", $"Invalid unit_amount: {fields.UnitAmount}; it must be a non-negative integer.");
        var price = StripeFixtures.Resource("price");
        price["id"] = fields.Id ?? StripeIds.New("price");
        price["created"] = Now;
        price["livemode"] = false;
        price["product"] = fields.Product;
        price["currency"] = fields.Currency;
        price["unit_amount"] = fields.UnitAmount;
        price["unit_amount_decimal"] = fields.UnitAmount.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (fields.Recurring is { } recurring)
        {
            if (recurring.Interval is not ("day" or "week" or "month" or "year"))
                throw StripeErrors.Invalid("recurring[interval]", $"Invalid recurring[interval]: must be one of day, month, week, or year (got '{recurring.Interval}').");
            if (recurring.IntervalCount < 1)
                throw StripeErrors.Invalid("recurring[interval_count]", $"Invalid recurring[interval_count]: {recurring.IntervalCount}; it must be at least 1.");
        }
        price["type"] = fields.Recurring is null ? "one_time" : "recurring";
        price["recurring"] = fields.Recurring is { } r
            ? new JsonObject
            {
                ["interval"] = r.Interval, ["interval_count"] = r.IntervalCount, ["meter"] = null, ["trial_period_days"] = null, ["usage_type"] = "licensed",
            }
            : null;
        price["transform_quantity"] = null;
        price["lookup_key"] = fields.LookupKey;
        price["nickname"] = fields.Nickname;
        price["metadata"] = fields.Metadata?.ApplyTo(null) ?? new JsonObject();
        Store(price);
        if (emit) Emit("price.created", price);
        return price;
    }
}
