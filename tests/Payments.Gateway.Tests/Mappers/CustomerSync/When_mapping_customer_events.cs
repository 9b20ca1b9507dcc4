using System.Text.Json.Nodes;
using Payments.Contracts.CustomerSync;
using Payments.Contracts.Shared;
using Payments.Gateway.Mappers;
using Payments.Gateway.Mappers.CustomerSync;
using Payments.Gateway.Webhooks;
using Payments.Simulators.Stripe;

namespace Payments.Gateway.Tests.Mappers.CustomerSync;

/// <summary>Stripe's customer object (its published fixture, filled in as a real customer is) ⇒ <see cref="StripeCustomerReported"/>.</summary>
[TestFixture]
public class When_mapping_customer_events
{
    const string CustomerId = "cus_RkT8hJ2xQm4Lpa";
    static readonly DateTimeOffset CustomerCreated = DateTimeOffset.FromUnixTimeSeconds(1_764_400_000);
    static readonly DateTimeOffset EventCreated = DateTimeOffset.FromUnixTimeSeconds(1_764_500_000);

    static JsonObject Customer(Action<JsonObject>? change = null)
    {
        var customer = StripeFixtures.Resource("customer");
        customer["id"] = CustomerId;
        customer["created"] = CustomerCreated.ToUnixTimeSeconds();
        customer["name"] = "Harbor Supply Co.";
        customer["email"] = "ap@harborsupply.example";
        customer["phone"] = "+1 312 555 0142";
        customer["address"] = new JsonObject
        {
            ["line1"] = "400 W Erie St", ["line2"] = "Suite 210", ["city"] = "Chicago", ["state"] = "IL", ["postal_code"] = "60654", ["country"] = "US",
        };
        customer["invoice_settings"]!["default_payment_method"] = "pm_1QxVisa4242";
        customer["metadata"] = new JsonObject { ["p21_customer_id"] = "100234", ["znode_user_id"] = "77" };
        change?.Invoke(customer);
        return customer;
    }

    static StripeEventEnvelope Envelope(string type, JsonObject customer, JsonObject? previousAttributes = null)
    {
        var evt = JsonNode.Parse(StripeEventBuilder.Create(type, customer, created: EventCreated).Json)!.AsObject();
        if (previousAttributes is not null) evt["data"]!["previous_attributes"] = previousAttributes;
        return StripeEventEnvelope.Read(evt.ToJsonString()).Envelope!;
    }

    static StripeCustomerReported Reported(StripeEventMapping mapping)
    {
        Assert.That(mapping.Kind, Is.EqualTo(MappingKind.Publish), mapping.Reason);
        return (StripeCustomerReported)mapping.Message!;
    }

    [Test]
    public void Should_report_a_created_customers_fields_by_their_wire_names()
    {
        var envelope = Envelope("customer.created", Customer());

        var mapping = new CustomerCreatedMapper().Map(envelope);

        var message = Reported(mapping);
        Assert.Multiple(() =>
        {
            Assert.That(mapping.CorrelationId, Is.EqualTo(CorrelationKey.StripeCustomer(CustomerId).ToGuid()));
            Assert.That(message.CorrelationId, Is.EqualTo(mapping.CorrelationId));
            Assert.That((message.StripeCustomerId, message.StripeEventId, message.EventType, message.Deleted),
                Is.EqualTo((CustomerId, envelope.Id, "customer.created", false)));
            Assert.That(message.Fields, Is.EquivalentTo(new Dictionary<string, string?>
            {
                [CustomerFieldNames.Name] = "Harbor Supply Co.",
                [CustomerFieldNames.Email] = "ap@harborsupply.example",
                [CustomerFieldNames.Phone] = "+1 312 555 0142",
                [CustomerFieldNames.AddressLine1] = "400 W Erie St",
                [CustomerFieldNames.AddressLine2] = "Suite 210",
                [CustomerFieldNames.City] = "Chicago",
                [CustomerFieldNames.Region] = "IL",
                [CustomerFieldNames.PostalCode] = "60654",
                [CustomerFieldNames.Country] = "US",
                [CustomerFieldNames.DefaultPaymentMethod] = "pm_1QxVisa4242",
            }), "no tax ids (not expanded) and no credit terms (Stripe keeps none)");
            Assert.That(message.ChangedFields, Is.Null, "a created customer: every field is news");
            Assert.That(message.Metadata, Is.EquivalentTo(new Dictionary<string, string> { ["p21_customer_id"] = "100234", ["znode_user_id"] = "77" }));
            Assert.That((message.CustomerCreatedAt, message.ReportedAt), Is.EqualTo((CustomerCreated, EventCreated)));
            Assert.That(new CustomerCreatedMapper().StartsPayment, Is.False);
            Assert.That(new CustomerCreatedMapper().Flow, Is.EqualTo(FlowNames.CustomerSync));
        });
    }

    [Test]
    public void Should_name_the_fields_previous_attributes_changed()
    {
        var previous = new JsonObject
        {
            ["address"] = new JsonObject { ["line1"] = "12 Old Rd", ["line2"] = null, ["city"] = "Chicago", ["state"] = "IL", ["postal_code"] = "60601", ["country"] = "US" },
            ["invoice_settings"] = new JsonObject { ["default_payment_method"] = null },
            ["email"] = "old@harborsupply.example",
            ["metadata"] = new JsonObject { ["note"] = "x" },
            ["balance"] = 0,
        };

        var message = Reported(new CustomerUpdatedMapper().Map(Envelope("customer.updated", Customer(), previous)));

        Assert.That(message.ChangedFields, Is.EqualTo(new[]
        {
            CustomerFieldNames.Email, CustomerFieldNames.AddressLine1, CustomerFieldNames.AddressLine2, CustomerFieldNames.City,
            CustomerFieldNames.Region, CustomerFieldNames.PostalCode, CustomerFieldNames.Country, CustomerFieldNames.DefaultPaymentMethod,
        }));
    }

    [Test]
    public void Should_name_no_field_when_only_metadata_or_other_invoice_settings_changed()
    {
        var previous = new JsonObject { ["metadata"] = new JsonObject { ["p21_customer_id"] = null }, ["invoice_settings"] = new JsonObject { ["footer"] = "old" } };

        var message = Reported(new CustomerUpdatedMapper().Map(Envelope("customer.updated", Customer(), previous)));

        Assert.That(message.ChangedFields, Is.Empty);
    }

    [Test]
    public void Should_leave_changed_fields_unknown_when_an_update_has_no_previous_attributes()
    {
        var message = Reported(new CustomerUpdatedMapper().Map(Envelope("customer.updated", Customer())));

        Assert.That(message.ChangedFields, Is.Null);
    }

    [Test]
    public void Should_read_expanded_tax_ids_as_one_sorted_field()
    {
        var customer = Customer(c => c["tax_ids"] = new JsonObject
        {
            ["object"] = "list",
            ["data"] = new JsonArray(
                new JsonObject { ["id"] = "txi_2", ["object"] = "tax_id", ["type"] = "us_ein", ["value"] = "12-3456789" },
                new JsonObject { ["id"] = "txi_1", ["object"] = "tax_id", ["type"] = "eu_vat", ["value"] = "de 123 456 789" }),
        });
        var previous = new JsonObject { ["tax_ids"] = new JsonObject { ["data"] = new JsonArray() } };

        var message = Reported(new CustomerUpdatedMapper().Map(Envelope("customer.updated", customer, previous)));

        Assert.That(message.Fields[CustomerFieldNames.TaxIds], Is.EqualTo("eu_vat:DE123456789; us_ein:12-3456789"));
        Assert.That(message.ChangedFields, Is.EqualTo(new[] { CustomerFieldNames.TaxIds }));
    }

    [Test]
    public void Should_clear_the_address_fields_of_a_customer_without_an_address_and_blank_values()
    {
        var message = Reported(new CustomerUpdatedMapper().Map(Envelope("customer.updated", Customer(c =>
        {
            c["address"] = null;
            c["phone"] = "  ";
        }))));

        Assert.Multiple(() =>
        {
            foreach (var field in new[] { CustomerFieldNames.AddressLine1, CustomerFieldNames.City, CustomerFieldNames.Country, CustomerFieldNames.Phone })
            {
                Assert.That(message.Fields.ContainsKey(field), Is.True, field);
                Assert.That(message.Fields[field], Is.Null, field);
            }
        });
    }

    [Test]
    public void Should_report_a_deleted_customer_as_deleted_and_speak_only_of_the_fields_it_carries()
    {
        var stub = new JsonObject { ["id"] = CustomerId, ["object"] = "customer", ["deleted"] = true };

        var message = Reported(new CustomerDeletedMapper().Map(Envelope("customer.deleted", stub)));

        Assert.Multiple(() =>
        {
            Assert.That(message.Deleted, Is.True);
            Assert.That(message.Fields, Is.Empty, "absent is not cleared: the link is dropped, no field is wiped");
            Assert.That(message.ChangedFields, Is.Null);
            Assert.That(message.CustomerCreatedAt, Is.EqualTo(EventCreated), "the short form has no created: the event's time stands in");
        });
    }

    [Test]
    public void Should_report_the_whole_customer_of_a_full_deleted_event()
    {
        var message = Reported(new CustomerDeletedMapper().Map(Envelope("customer.deleted", Customer())));

        Assert.That((message.Deleted, message.Fields[CustomerFieldNames.Email]), Is.EqualTo((true, "ap@harborsupply.example")));
    }

    [TestCase("object", "invoice", "carries a 'invoice', not a customer")]
    [TestCase("id", null, "has no 'id'")]
    public void Should_refuse_what_is_not_a_customer(string field, string? value, string reason)
    {
        var mapping = new CustomerCreatedMapper().Map(Envelope("customer.created", Customer(c => c[field] = value)));

        Assert.That(mapping.Kind, Is.EqualTo(MappingKind.Reject));
        Assert.That(mapping.Reason, Does.Contain(reason));
    }
}
