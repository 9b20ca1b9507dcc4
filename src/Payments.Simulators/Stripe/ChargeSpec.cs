using System.Text.Json.Nodes;

namespace Payments.Simulators.Stripe;

/// <summary>A postal address as Stripe nests it under <c>shipping.address</c>.</summary>
public sealed record StripeAddress
{
    public string? Line1 { get; init; }
    public string? Line2 { get; init; }
    public string? City { get; init; }
    public string? State { get; init; }
    public string? PostalCode { get; init; }
    /// <summary>ISO 3166-1 alpha-2.</summary>
    public string? Country { get; init; }
}

/// <summary>
/// What a test or the sandbox wants a succeeded charge to say. Everything else comes from the fixture's
/// <c>charge</c> object, so the JSON has the full shape Stripe sends. Defaults give fresh ids on every instance.
/// </summary>
public sealed record ChargeSpec
{
    public string Id { get; init; } = StripeIds.New("ch");
    /// <summary>Null for a charge made without a PaymentIntent (legacy Charges API).</summary>
    public string? PaymentIntentId { get; init; } = StripeIds.New("pi");
    /// <summary>Minor units, as Stripe sends them.</summary>
    public long Amount { get; init; } = 100;
    /// <summary>Lower-case ISO 4217, as Stripe sends it.</summary>
    public string Currency { get; init; } = "usd";
    public string? BillingEmail { get; init; }
    public string? BillingName { get; init; } = "Jenny Rosen";
    public string? ReceiptEmail { get; init; }
    public string? CustomerId { get; init; }
    public string? Description { get; init; } = "My First Test Charge (created for API docs)";
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();
    public string? ShippingName { get; init; }
    public StripeAddress? ShippingAddress { get; init; }
    public DateTimeOffset Created { get; init; } = DateTimeOffset.UtcNow;
    public bool Livemode { get; init; }

    /// <summary>The charge as Stripe's API returns it: the fixture's charge with this spec's values.</summary>
    public JsonObject ToJson()
    {
        var charge = StripeFixtures.Resource("charge");
        charge["id"] = Id;
        charge["amount"] = Amount;
        charge["amount_captured"] = Amount;
        charge["captured"] = true;
        charge["paid"] = true;
        charge["status"] = "succeeded";
        charge["currency"] = Currency;
        charge["billing_details"]!["email"] = BillingEmail;
        charge["billing_details"]!["name"] = BillingName;
        charge["receipt_email"] = ReceiptEmail;
        charge["customer"] = CustomerId;
        charge["description"] = Description;
        charge["metadata"] = new JsonObject(Metadata.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)JsonValue.Create(kv.Value))));
        charge["payment_intent"] = PaymentIntentId;
        charge["created"] = Created.ToUnixTimeSeconds();
        charge["livemode"] = Livemode;
        charge["refunds"]!["url"] = $"/v1/charges/{Id}/refunds";
        charge["shipping"] = ShippingJson();
        // Not yet settled when charge.succeeded fires; the fixture's ids point at unrelated sample objects.
        charge["balance_transaction"] = null;
        charge["source"] = null;
        charge["transfer_data"] = null;
        return charge;
    }

    JsonObject? ShippingJson()
    {
        if (ShippingAddress is null && ShippingName is null) return null;
        var address = ShippingAddress ?? new StripeAddress();
        return new JsonObject
        {
            ["address"] = new JsonObject
            {
                ["city"] = address.City,
                ["country"] = address.Country,
                ["line1"] = address.Line1,
                ["line2"] = address.Line2,
                ["postal_code"] = address.PostalCode,
                ["state"] = address.State,
            },
            ["carrier"] = null,
            ["name"] = ShippingName,
            ["phone"] = null,
            ["tracking_number"] = null,
        };
    }
}
