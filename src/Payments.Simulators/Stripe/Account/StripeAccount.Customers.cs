using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Payments.Simulators.Stripe.Account;

/// <summary>What a customer create or update sets; null leaves a field as it is.</summary>
public sealed record CustomerFields
{
    public string? Email { get; init; }
    public string? Name { get; init; }
    public string? Description { get; init; }
    public string? Phone { get; init; }
    /// <summary><c>line1 line2 city state postal_code country</c>.</summary>
    public IReadOnlyDictionary<string, string>? Address { get; init; }
    public MetadataUpdate? Metadata { get; init; }
    /// <summary>Where the customer's orders go: <c>name</c>, <c>phone</c> and an address as <see cref="Address"/>.</summary>
    public CustomerShipping? Shipping { get; init; }
}

/// <summary>A customer's <c>shipping</c>: name (required by Stripe), phone, address.</summary>
public sealed record CustomerShipping(string Name, string? Phone, IReadOnlyDictionary<string, string>? Address);

public sealed partial class StripeAccount
{
    static readonly string[] AddressFields = ["city", "country", "line1", "line2", "postal_code", "state"];

    /// <summary>Creates a customer (<c>cus_…</c>) and emits <c>customer.created</c>.</summary>
    public JsonObject CreateCustomer(CustomerFields fields)
    {
        lock (Gate)
        {
            var customer = StripeFixtures.Resource("customer");
            customer["id"] = StripeIds.New("cus");
            customer["created"] = Now;
            customer["livemode"] = false;
            customer["address"] = null;
            customer["currency"] = null;
            customer["discount"] = null;
            customer["shipping"] = null;
            customer["invoice_prefix"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(4));
            customer["metadata"] = new JsonObject();
            Apply(customer, fields);
            Store(customer);
            Emit("customer.created", customer);
            return Copy(customer);
        }
    }

    /// <summary>Changes a customer and emits <c>customer.updated</c> with the fields' previous values.</summary>
    public JsonObject UpdateCustomer(string customerId, CustomerFields fields)
    {
        lock (Gate)
        {
            var customer = Require("customer", customerId, "customer");
            var before = Copy(customer);
            Apply(customer, fields);
            var previous = new JsonObject();
            foreach (var (name, value) in before)
                if (!JsonNode.DeepEquals(value, customer[name])) previous[name] = value?.DeepClone();
            if (previous.Count > 0) Emit("customer.updated", customer, previous);
            return Copy(customer);
        }
    }

    /// <summary>Deletes a customer (kept for retrieval as <c>deleted: true</c>) and emits <c>customer.deleted</c>.</summary>
    public JsonObject DeleteCustomer(string customerId)
    {
        lock (Gate)
        {
            var customer = Require("customer", customerId, "customer");
            Emit("customer.deleted", customer);
            var deleted = new JsonObject { ["id"] = customerId, ["object"] = "customer", ["deleted"] = true };
            Store(deleted);
            return Copy(deleted);
        }
    }

    static void Apply(JsonObject customer, CustomerFields fields)
    {
        if (fields.Email is not null) customer["email"] = Blank(fields.Email);
        if (fields.Name is not null) customer["name"] = Blank(fields.Name);
        if (fields.Description is not null) customer["description"] = Blank(fields.Description);
        if (fields.Phone is not null) customer["phone"] = Blank(fields.Phone);
        if (fields.Address is not null)
        {
            var address = customer["address"] as JsonObject ?? new JsonObject(AddressFields.Select(f => KeyValuePair.Create(f, (JsonNode?)null)));
            foreach (var (name, value) in fields.Address) address[name] = Blank(value);
            customer["address"] = address.DeepClone();
        }
        if (fields.Metadata is not null) customer["metadata"] = fields.Metadata.ApplyTo(customer["metadata"]);
        if (fields.Shipping is { } shipping)
        {
            var address = new JsonObject(AddressFields.Select(f => KeyValuePair.Create(f, (JsonNode?)null)));
            foreach (var (name, value) in shipping.Address ?? new Dictionary<string, string>()) address[name] = Blank(value);
            customer["shipping"] = new JsonObject { ["address"] = address, ["name"] = shipping.Name, ["phone"] = shipping.Phone };
        }
    }

    /// <summary>An empty string unsets a field, as in Stripe's API.</summary>
    static string? Blank(string value) => value.Length == 0 ? null : value;
}
