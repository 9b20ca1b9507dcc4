using System.Text.Json;
using Payments.Contracts.Shared;
using Payments.Gateway.Webhooks;

namespace Payments.Gateway.Tests.Webhooks;

[TestFixture]
public class When_reading_Stripe_JSON
{
    static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();

    [Test]
    public void Should_read_an_expandable_reference_as_an_id_or_an_expanded_object()
    {
        var charge = Json("""{"customer":"cus_1","payment_intent":{"id":"pi_1","object":"payment_intent"},"invoice":null}""");

        Assert.That((StripeJson.Id(charge, "customer"), StripeJson.Id(charge, "payment_intent"), StripeJson.Id(charge, "invoice")),
            Is.EqualTo(("cus_1", "pi_1", (string?)null)));
    }

    [Test]
    public void Should_read_metadata_values_as_strings_and_keep_others_as_JSON()
    {
        var metadata = StripeJson.Metadata(Json("""{"metadata":{"shop_order":"77","odd":12,"flag":true}}"""));

        Assert.That(metadata, Is.EqualTo(new Dictionary<string, string> { ["shop_order"] = "77", ["odd"] = "12", ["flag"] = "true" }));
    }

    [Test]
    public void Should_read_no_metadata_as_empty()
    {
        Assert.That(StripeJson.Metadata(Json("""{"metadata":null}""")), Is.Empty);
        Assert.That(StripeJson.Metadata(Json("{}")), Is.Empty);
    }

    [Test]
    public void Should_read_a_shipping_address_and_call_an_all_null_one_none()
    {
        var shipped = StripeJson.ShippingAddress(Json("""{"name":"Dock 4","address":{"line1":"1 Quay St","line2":"","city":"Hull","state":null,"postal_code":"HU1 1AA","country":"GB"}}"""));
        var empty = StripeJson.ShippingAddress(Json("""{"name":"Dock 4","address":{"line1":null,"city":null,"postal_code":null,"country":null}}"""));

        Assert.That(shipped, Is.EqualTo(new Address { Name = "Dock 4", Line1 = "1 Quay St", City = "Hull", PostalCode = "HU1 1AA", Country = "GB" }));
        Assert.That(empty, Is.Null);
        Assert.That(StripeJson.ShippingAddress(null), Is.Null);
    }

    [Test]
    public void Should_read_unix_seconds_and_refuse_what_is_not_a_whole_number()
    {
        var parent = Json("""{"created":1700000000,"amount":12.5,"text":"1"}""");

        Assert.That(StripeJson.UnixTime(parent, "created"), Is.EqualTo(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000)));
        Assert.That((StripeJson.Integer(parent, "amount"), StripeJson.Integer(parent, "text")), Is.EqualTo(((long?)null, (long?)null)));
    }

    [TestCase("invoice", true)]
    [TestCase("metadata.znode_order_number", true)]
    [TestCase("payment_intent.invoice", true)]
    [TestCase("customer.invoice", false)]
    [TestCase("empty_text", false)]
    [TestCase("nothing", false)]
    [TestCase("refunded", false)]
    [TestCase("captured", true)]
    [TestCase("lines", false)]
    [TestCase("absent", false)]
    public void Should_tell_whether_a_path_leads_to_a_value(string path, bool expected)
    {
        var charge = Json("""
            {"invoice":"in_1","metadata":{"znode_order_number":"MA-1"},"payment_intent":{"id":"pi_1","invoice":{"id":"in_1"}},
             "customer":"cus_1","empty_text":"","nothing":null,"refunded":false,"captured":true,"lines":[]}
            """);

        Assert.That(StripeJson.HasValue(charge, path), Is.EqualTo(expected));
    }

    [Test]
    public void Should_read_a_metadata_value_by_a_key_that_may_hold_dots()
    {
        var charge = Json("""{"metadata":{"shop.order":"77","blank":" "}}""");

        Assert.That((StripeJson.MetadataValue(charge, "shop.order"), StripeJson.MetadataValue(charge, "blank"), StripeJson.MetadataValue(charge, "none")),
            Is.EqualTo(("77", (string?)null, (string?)null)));
    }
}
