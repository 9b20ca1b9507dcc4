using System.Text.Json;
using Payments.Contracts.CustomerSync;
using Payments.Contracts.Shared;
using Payments.Domain.Customers;
using Payments.Gateway.Webhooks;

namespace Payments.Gateway.Mappers.CustomerSync;

/// <summary>
/// What the three <c>customer.*</c> mappers share: the customer object ⇒ <see cref="StripeCustomerReported"/>, the customer's fields as
/// they are now by <see cref="CustomerFieldNames"/>, correlated to the Stripe customer. A customer belongs to the customer-sync flow,
/// never to a payment's route. Stripe keeps no credit terms, so that field is never spoken of; tax ids are a list on the customer only
/// when expanded (<c>tax_ids.data</c>), so without it the field is left out rather than cleared
/// (https://docs.stripe.com/api/customers/object).
/// </summary>
public abstract class StripeCustomerReportedMapper(string eventType) : IStripeEventMapper
{
    public string Flow => FlowNames.CustomerSync;

    public IReadOnlyCollection<string> EventTypes { get; } = [eventType];

    public bool StartsPayment => false;

    /// <summary>
    /// The field names of a <c>previous_attributes</c> key: the whole <c>address</c> is its six fields, of <c>invoice_settings</c> only the
    /// default payment method is ours. Keys of nothing the record keeps (metadata, balance, …) name no field.
    /// </summary>
    public static IReadOnlyList<string> FieldsOf(string key, JsonElement previousValue) => key switch
    {
        "name" => [CustomerFieldNames.Name],
        "email" => [CustomerFieldNames.Email],
        "phone" => [CustomerFieldNames.Phone],
        "address" => AddressFields,
        "tax_ids" => [CustomerFieldNames.TaxIds],
        "invoice_settings" when previousValue.ValueKind != JsonValueKind.Object || previousValue.TryGetProperty("default_payment_method", out _)
            => [CustomerFieldNames.DefaultPaymentMethod],
        _ => [],
    };

    static readonly IReadOnlyList<string> AddressFields =
    [
        CustomerFieldNames.AddressLine1, CustomerFieldNames.AddressLine2, CustomerFieldNames.City, CustomerFieldNames.Region,
        CustomerFieldNames.PostalCode, CustomerFieldNames.Country,
    ];

    public StripeEventMapping Map(StripeEventEnvelope envelope)
    {
        var customer = envelope.DataObject;
        var objectType = StripeJson.String(customer, "object");
        if (objectType != "customer")
            return StripeEventMapping.Reject($"{envelope.Type} carries a '{objectType ?? "(no object)"}', not a customer.");
        if (StripeJson.NonEmpty(StripeJson.String(customer, "id")) is not { } customerId)
            return StripeEventMapping.Reject("The customer has no 'id'.");
        // A deleted customer's object may be the short form ({id, object, deleted}); the event's time stands in for its creation then.
        if ((StripeJson.UnixTime(customer, "created") ?? envelope.Created) is not { } createdAt)
            return StripeEventMapping.Reject($"Customer {customerId} has no 'created' time.");

        var deleted = envelope.Type == "customer.deleted";
        var correlationId = CorrelationKey.StripeCustomer(customerId).ToGuid();
        return StripeEventMapping.Publish(new StripeCustomerReported
        {
            CorrelationId = correlationId,
            StripeCustomerId = customerId,
            StripeEventId = envelope.Id,
            EventType = envelope.Type,
            Deleted = deleted,
            Fields = Fields(customer),
            ChangedFields = envelope.Type == "customer.updated" ? ChangedFields(envelope.PreviousAttributes) : null,
            Metadata = StripeJson.Metadata(customer),
            CustomerCreatedAt = createdAt,
            ReportedAt = envelope.Created ?? createdAt,
        }, correlationId);
    }

    /// <summary>Only what the object says: a field whose key is absent (the short form of a deleted customer) is not spoken of.</summary>
    static Dictionary<string, string?> Fields(JsonElement customer)
    {
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (customer.TryGetProperty("name", out _)) fields[CustomerFieldNames.Name] = Clean(StripeJson.String(customer, "name"));
        if (customer.TryGetProperty("email", out _)) fields[CustomerFieldNames.Email] = Clean(StripeJson.String(customer, "email"));
        if (customer.TryGetProperty("phone", out _)) fields[CustomerFieldNames.Phone] = Clean(StripeJson.String(customer, "phone"));
        if (customer.TryGetProperty("address", out _))
        {
            var address = StripeJson.Object(customer, "address");
            string? Part(string name) => address is { } a ? Clean(StripeJson.String(a, name)) : null;
            fields[CustomerFieldNames.AddressLine1] = Part("line1");
            fields[CustomerFieldNames.AddressLine2] = Part("line2");
            fields[CustomerFieldNames.City] = Part("city");
            fields[CustomerFieldNames.Region] = Part("state");
            fields[CustomerFieldNames.PostalCode] = Part("postal_code");
            fields[CustomerFieldNames.Country] = Part("country")?.ToUpperInvariant();
        }
        if (StripeJson.Object(customer, "invoice_settings") is { } invoiceSettings)
            fields[CustomerFieldNames.DefaultPaymentMethod] = Clean(StripeJson.Id(invoiceSettings, "default_payment_method"));
        if (StripeJson.Object(customer, "tax_ids") is { } taxIds && taxIds.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array)
            fields[CustomerFieldNames.TaxIds] = CustomerTaxIds.Format(data.EnumerateArray()
                .Where(t => StripeJson.NonEmpty(StripeJson.String(t, "value")) is not null)
                .Select(t => new CustomerTaxId(StripeJson.String(t, "type") ?? "", StripeJson.String(t, "value")!)));
        return fields;
    }

    /// <summary>No <c>previous_attributes</c> at all: unknown, so null (every field is news); present but of no field of ours: none changed.</summary>
    static List<string>? ChangedFields(JsonElement? previousAttributes)
    {
        if (previousAttributes is not { } previous) return null;
        return previous.EnumerateObject()
            .SelectMany(p => FieldsOf(p.Name, p.Value))
            .Distinct(StringComparer.Ordinal)
            .OrderBy(f => CustomerFieldNames.All.ToList().IndexOf(f))
            .ToList();
    }

    static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
