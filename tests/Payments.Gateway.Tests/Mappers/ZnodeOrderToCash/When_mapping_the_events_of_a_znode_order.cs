using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Payments.Contracts.Shared;
using Payments.Contracts.ZnodeOrderToCash;
using Payments.Gateway.Mappers;
using Payments.Gateway.Mappers.ZnodeOrderToCash;
using Payments.Gateway.Webhooks;
using Payments.Simulators.Stripe;

namespace Payments.Gateway.Tests.Mappers.ZnodeOrderToCash;

[TestFixture]
public class When_mapping_the_events_of_a_znode_order
{
    const string OrderNumber = "MA-261129-101500-QZK";
    static readonly Guid Correlation = CorrelationKey.ZnodeOrder(OrderNumber).ToGuid();
    static readonly IOptions<ZnodeOrderToCashOptions> Defaults = Options.Create(new ZnodeOrderToCashOptions());

    static StripeEventEnvelope Envelope(StripeWebhookEvent evt) => StripeEventEnvelope.Read(evt.Json).Envelope!;

    static JsonObject Intent(string id = "pi_3ZnOrder", long amount = 12_999, string currency = "usd", string key = "znode_order_number")
    {
        var intent = StripeFixtures.Resource("payment_intent");
        intent["id"] = id;
        intent["amount"] = amount;
        intent["amount_received"] = amount;
        intent["currency"] = currency;
        intent["latest_charge"] = "ch_3ZnOrder";
        intent["metadata"] = new JsonObject { [key] = OrderNumber };
        return intent;
    }

    static T Published<T>(StripeEventMapping mapping)
    {
        Assert.That(mapping.Kind, Is.EqualTo(MappingKind.Publish), mapping.Reason);
        Assert.That(mapping.CorrelationId, Is.EqualTo(Correlation));
        return (T)mapping.Message!;
    }

    [Test]
    public void Should_map_payment_intent_succeeded_to_the_orders_payment_with_the_amount_received_and_latest_charge()
    {
        var evt = StripeEventBuilder.Create("payment_intent.succeeded", Intent(currency: "jpy", amount: 5000));

        var paid = Published<ZnodeOrderPaymentSucceeded>(new ZnodePaymentIntentSucceededMapper(Defaults).Map(Envelope(evt)));

        Assert.Multiple(() =>
        {
            Assert.That((paid.OrderNumber, paid.PaymentIntentId, paid.ChargeId), Is.EqualTo((OrderNumber, "pi_3ZnOrder", "ch_3ZnOrder")));
            Assert.That((paid.AmountMinor, paid.Currency, paid.StripeEventId), Is.EqualTo((5000L, "JPY", evt.Id)));
            Assert.That(paid.CorrelationId, Is.EqualTo(Correlation));
        });
    }

    [Test]
    public void Should_map_payment_intent_payment_failed_with_Stripes_decline_code_message_and_charge()
    {
        var intent = Intent();
        intent["last_payment_error"] = new JsonObject
        {
            ["type"] = "card_error", ["code"] = "card_declined", ["decline_code"] = "insufficient_funds",
            ["message"] = "Your card has insufficient funds.", ["charge"] = "ch_3Declined",
        };
        var evt = StripeEventBuilder.Create("payment_intent.payment_failed", intent);

        var failed = Published<ZnodeOrderPaymentFailed>(new ZnodePaymentIntentPaymentFailedMapper(Defaults).Map(Envelope(evt)));

        Assert.That((failed.PaymentIntentId, failed.ChargeId, failed.DeclineCode, failed.FailureMessage),
            Is.EqualTo(("pi_3ZnOrder", "ch_3Declined", "insufficient_funds", "Your card has insufficient funds.")));
    }

    [Test]
    public void Should_map_charge_succeeded_of_a_znode_order_with_its_payment_intent_and_charge()
    {
        var evt = StripeEventBuilder.ChargeSucceeded(new ChargeSpec
        {
            Id = "ch_3Paid", PaymentIntentId = "pi_3ZnOrder", Amount = 1_000, Currency = "kwd",
            Metadata = new Dictionary<string, string> { ["znode_order_number"] = OrderNumber },
        });

        var paid = Published<ZnodeOrderPaymentSucceeded>(new ZnodeChargeSucceededMapper(Defaults).Map(Envelope(evt)));

        Assert.That((paid.PaymentIntentId, paid.ChargeId, paid.AmountMinor, paid.Currency), Is.EqualTo(("pi_3ZnOrder", "ch_3Paid", 1_000L, "KWD")));
    }

    [Test]
    public void Should_map_charge_failed_with_the_issuers_reason_and_Stripes_message()
    {
        var charge = new ChargeSpec { Id = "ch_3Declined", PaymentIntentId = "pi_3ZnOrder", Metadata = new Dictionary<string, string> { ["znode_order_number"] = OrderNumber } }.ToJson();
        charge["status"] = "failed";
        charge["failure_code"] = "card_declined";
        charge["failure_message"] = "Your card was declined.";
        charge["outcome"] = new JsonObject { ["type"] = "issuer_declined", ["reason"] = "generic_decline", ["seller_message"] = "The bank did not return any further details." };
        var evt = StripeEventBuilder.Create("charge.failed", charge);

        var failed = Published<ZnodeOrderPaymentFailed>(new ZnodeChargeFailedMapper(Defaults).Map(Envelope(evt)));

        Assert.That((failed.PaymentIntentId, failed.ChargeId, failed.DeclineCode, failed.FailureMessage),
            Is.EqualTo(("pi_3ZnOrder", "ch_3Declined", "generic_decline", "Your card was declined.")));
    }

    [Test]
    public void Should_read_the_order_number_under_the_configured_key()
    {
        var options = Options.Create(new ZnodeOrderToCashOptions { OrderNumberMetadataKey = "order_ref" });
        var evt = StripeEventBuilder.Create("payment_intent.succeeded", Intent(key: "order_ref"));

        Assert.That(Published<ZnodeOrderPaymentSucceeded>(new ZnodePaymentIntentSucceededMapper(options).Map(Envelope(evt))).OrderNumber, Is.EqualTo(OrderNumber));
        Assert.That(new ZnodePaymentIntentSucceededMapper(Defaults).Map(Envelope(evt)).Reason, Does.Contain("no Znode order number in metadata 'znode_order_number'"));
    }

    [Test]
    public void Should_reject_a_charge_of_a_znode_order_without_a_payment_intent()
    {
        var evt = StripeEventBuilder.ChargeSucceeded(new ChargeSpec
        {
            Id = "ch_3Alone", PaymentIntentId = null, Metadata = new Dictionary<string, string> { ["znode_order_number"] = OrderNumber },
        });

        var mapping = new ZnodeChargeSucceededMapper(Defaults).Map(Envelope(evt));

        Assert.That((mapping.Kind, mapping.Reason), Is.EqualTo((MappingKind.Reject, (string?)$"Charge ch_3Alone of Znode order {OrderNumber} has no 'payment_intent'; the Znode flow pays orders through PaymentIntents.")));
    }
}
