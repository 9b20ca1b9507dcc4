using System.Text.Json.Nodes;
using Payments.Contracts.ChargeToOrder;
using Payments.Contracts.Shared;
using Payments.Gateway.Mappers;
using Payments.Gateway.Mappers.ChargeToOrder;
using Payments.Gateway.Webhooks;
using Payments.Simulators.Stripe;

namespace Payments.Gateway.Tests.Mappers.ChargeToOrder;

[TestFixture]
public class When_mapping_a_charge_succeeded_event
{
    static StripeEventMapping Map(string json)
    {
        var read = StripeEventEnvelope.Read(json);
        Assert.That(read.Envelope, Is.Not.Null, read.Failure);
        return new ChargeSucceededMapper().Map(read.Envelope!);
    }

    static StripeChargeSucceeded Published(string json)
    {
        var mapping = Map(json);
        Assert.That(mapping.Kind, Is.EqualTo(MappingKind.Publish), mapping.Reason);
        return (StripeChargeSucceeded)mapping.Message!;
    }

    /// <summary>The event of <paramref name="charge"/> with its charge object edited by <paramref name="edit"/>.</summary>
    static string EditedCharge(ChargeSpec charge, Action<JsonObject> edit)
    {
        var json = JsonNode.Parse(StripeEventBuilder.ChargeSucceeded(charge).Json)!;
        edit(json["data"]!["object"]!.AsObject());
        return json.ToJsonString();
    }

    [Test]
    public void Should_keep_a_zero_decimal_amount_as_sent_and_upper_case_the_currency()
    {
        var message = Published(StripeEventBuilder.ChargeSucceeded(new ChargeSpec { Amount = 5000, Currency = "jpy" }).Json);

        Assert.That((message.Payment.AmountMinor, message.Payment.Currency), Is.EqualTo((5000L, "JPY")));
    }

    [Test]
    public void Should_fall_back_to_the_receipt_email_when_billing_has_none()
    {
        var message = Published(StripeEventBuilder.ChargeSucceeded(new ChargeSpec { BillingEmail = null, ReceiptEmail = "receipt@example.com" }).Json);

        Assert.That(message.Payment.CustomerEmail, Is.EqualTo("receipt@example.com"));
    }

    [Test]
    public void Should_leave_the_email_empty_when_Stripe_has_none()
    {
        var message = Published(StripeEventBuilder.ChargeSucceeded(new ChargeSpec { BillingEmail = null, ReceiptEmail = null }).Json);

        Assert.That(message.Payment.CustomerEmail, Is.Null);
    }

    [Test]
    public void Should_take_the_name_from_shipping_when_billing_has_none()
    {
        var message = Published(StripeEventBuilder.ChargeSucceeded(new ChargeSpec { BillingName = null, ShippingName = "Ship To" }).Json);

        Assert.That(message.Payment.CustomerName, Is.EqualTo("Ship To"));
    }

    [Test]
    public void Should_read_compact_line_items_from_metadata()
    {
        var message = Published(StripeEventBuilder.ChargeSucceeded(new ChargeSpec
        {
            Metadata = new Dictionary<string, string> { ["items"] = " ABC-100:2 , XYZ-9:1.5,BOLT-M8" },
        }).Json);

        Assert.That(message.Payment.Lines.Select(l => (l.Sku, l.Quantity)),
            Is.EqualTo(new[] { ("ABC-100", 2m), ("XYZ-9", 1.5m), ("BOLT-M8", 1m) }));
    }

    [Test]
    public void Should_read_JSON_line_items_from_metadata()
    {
        var message = Published(StripeEventBuilder.ChargeSucceeded(new ChargeSpec
        {
            Metadata = new Dictionary<string, string> { ["items"] = """[{"sku":"ABC-100","qty":3,"unit_amount":1250,"description":"Widget"},{"sku":"XYZ-9"}]""" },
        }).Json);

        Assert.That(message.Payment.Lines, Is.EqualTo(new[]
        {
            new OrderLine { Sku = "ABC-100", Quantity = 3, UnitAmountMinor = 1250, Description = "Widget" },
            new OrderLine { Sku = "XYZ-9", Quantity = 1 },
        }));
    }

    [Test]
    public void Should_have_no_lines_without_an_items_key()
    {
        Assert.That(Published(StripeEventBuilder.ChargeSucceeded().Json).Payment.Lines, Is.Empty);
    }

    [TestCase("ABC:two", "not a number")]
    [TestCase("ABC:0", "must be positive")]
    [TestCase("ABC:1,,XYZ", "entry 2")]
    [TestCase("""[{"qty":1}]""", "no 'sku'")]
    [TestCase("""[{"sku":"A","unit_amount":12.5}]""", "unit_amount")]
    [TestCase("[{", "not valid JSON")]
    public void Should_reject_malformed_line_items_with_the_reason(string items, string reason)
    {
        var mapping = Map(StripeEventBuilder.ChargeSucceeded(new ChargeSpec { Metadata = new Dictionary<string, string> { ["items"] = items } }).Json);

        Assert.That(mapping.Kind, Is.EqualTo(MappingKind.Reject));
        Assert.That(mapping.Reason, Does.Contain(reason));
    }

    [Test]
    public void Should_correlate_by_charge_when_there_is_no_payment_intent()
    {
        var charge = new ChargeSpec { PaymentIntentId = null };

        var message = Published(StripeEventBuilder.ChargeSucceeded(charge).Json);

        Assert.That(message.CorrelationId, Is.EqualTo(new CorrelationKey(CorrelationKinds.StripePayment, charge.Id).ToGuid()));
        Assert.That(message.Payment.PaymentIntentId, Is.Null);
    }

    [Test]
    public void Should_correlate_by_payment_intent_when_there_is_one()
    {
        var charge = new ChargeSpec();

        var message = Published(StripeEventBuilder.ChargeSucceeded(charge).Json);

        Assert.That(message.CorrelationId, Is.EqualTo(new CorrelationKey(CorrelationKinds.StripePayment, charge.PaymentIntentId!).ToGuid()));
    }

    [Test]
    public void Should_read_expanded_customer_and_payment_intent_objects()
    {
        var json = EditedCharge(new ChargeSpec(), charge =>
        {
            charge["customer"] = new JsonObject { ["id"] = "cus_expanded", ["object"] = "customer" };
            charge["payment_intent"] = new JsonObject { ["id"] = "pi_expanded", ["object"] = "payment_intent" };
        });

        var message = Published(json);

        Assert.That((message.Payment.StripeCustomerId, message.Payment.PaymentIntentId), Is.EqualTo(("cus_expanded", "pi_expanded")));
    }

    [Test]
    public void Should_map_the_shipping_address_and_ignore_an_empty_one()
    {
        var shipped = Published(StripeEventBuilder.ChargeSucceeded(new ChargeSpec
        {
            ShippingName = "Dock 4",
            ShippingAddress = new StripeAddress { Line1 = "1 Quay St", City = "Hull", State = "ERY", PostalCode = "HU1 1AA", Country = "GB" },
        }).Json);
        var fixtureShape = Published(EditedCharge(new ChargeSpec(), charge => charge["shipping"] = new JsonObject()));

        Assert.That(shipped.Payment.ShippingAddress, Is.EqualTo(new Address
        {
            Name = "Dock 4", Line1 = "1 Quay St", City = "Hull", State = "ERY", PostalCode = "HU1 1AA", Country = "GB",
        }));
        Assert.That(fixtureShape.Payment.ShippingAddress, Is.Null);
    }

    [Test]
    public void Should_take_PaidAt_from_the_charge_created_time()
    {
        var created = new DateTimeOffset(2026, 11, 20, 9, 30, 0, TimeSpan.Zero);

        var message = Published(StripeEventBuilder.ChargeSucceeded(new ChargeSpec { Created = created }).Json);

        Assert.That(message.Payment.PaidAt, Is.EqualTo(created));
    }

    [TestCase("amount", "amount")]
    [TestCase("currency", "currency")]
    [TestCase("id", "'id'")]
    public void Should_reject_a_charge_missing_a_required_field(string field, string reason)
    {
        var mapping = Map(EditedCharge(new ChargeSpec(), charge => charge.Remove(field)));

        Assert.That(mapping.Kind, Is.EqualTo(MappingKind.Reject));
        Assert.That(mapping.Reason, Does.Contain(reason));
    }
}
