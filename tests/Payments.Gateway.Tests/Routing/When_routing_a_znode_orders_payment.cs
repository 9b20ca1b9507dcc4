using Microsoft.Extensions.Options;
using Payments.Contracts.ChargeToOrder;
using Payments.Contracts.Shared;
using Payments.Contracts.ZnodeOrderToCash;
using Payments.Gateway.Mappers;
using Payments.Gateway.Mappers.ZnodeOrderToCash;
using Payments.Gateway.Routing;
using Payments.Gateway.Webhooks;
using Payments.Simulators.Stripe;

namespace Payments.Gateway.Tests.Routing;

/// <summary>A payment whose metadata carries a Znode order number goes through the Znode flow; charge-to-order too only when asked for.</summary>
[TestFixture]
public class When_routing_a_znode_orders_payment
{
    static StripeEventMappers Mappers(ZnodeOrderToCashOptions znode)
    {
        var options = Options.Create(znode);
        return new StripeEventMappers([
            new Gateway.Mappers.ChargeToOrder.ChargeSucceededMapper(), new ZnodeChargeSucceededMapper(options), new ZnodeChargeFailedMapper(options),
            new ZnodePaymentIntentSucceededMapper(options), new ZnodePaymentIntentPaymentFailedMapper(options),
        ]);
    }

    static PaymentRouter Router(ZnodeOrderToCashOptions znode) => new(Options.Create(new RoutingOptions()), Options.Create(znode));

    static StripeEventEnvelope ZnodeCharge(string key = "znode_order_number") => StripeEventEnvelope.Read(StripeEventBuilder.ChargeSucceeded(new ChargeSpec
    {
        Metadata = new Dictionary<string, string> { [key] = "MA-261129-101500-QZK" },
    }).Json).Envelope!;

    [Test]
    public void Should_send_a_charge_of_a_znode_order_to_the_znode_flow_only_by_default()
    {
        var znode = new ZnodeOrderToCashOptions();

        var mapping = Mappers(znode).Map(ZnodeCharge(), Router(znode));

        Assert.That(mapping.Message, Is.InstanceOf<ZnodeOrderPaymentSucceeded>(), mapping.Reason);
        Assert.That(mapping.AlsoPublish, Is.Empty, "no P21 sales order through charge-to-order");
        Assert.That(mapping.Route, Is.EqualTo(new PaymentRoute(FlowNames.ZnodeOrderToCash, "Znode order number (metadata 'znode_order_number')")));
    }

    [Test]
    public void Should_start_charge_to_order_as_well_when_configured_so()
    {
        var znode = new ZnodeOrderToCashOptions { AlsoChargeToOrder = true };

        var mapping = Mappers(znode).Map(ZnodeCharge(), Router(znode));

        Assert.That(mapping.Message, Is.InstanceOf<ZnodeOrderPaymentSucceeded>());
        Assert.That(mapping.AlsoPublish.Single(), Is.InstanceOf<StripeChargeSucceeded>());
        Assert.That(mapping.Route!.AlsoFlow, Is.EqualTo(FlowNames.ChargeToOrder));
    }

    [Test]
    public void Should_recognise_the_order_number_under_the_configured_key_only()
    {
        var znode = new ZnodeOrderToCashOptions { OrderNumberMetadataKey = "order_ref" };

        Assert.That(Mappers(znode).Map(ZnodeCharge("order_ref"), Router(znode)).Message, Is.InstanceOf<ZnodeOrderPaymentSucceeded>());
        Assert.That(Mappers(znode).Map(ZnodeCharge(), Router(znode)).Message, Is.InstanceOf<StripeChargeSucceeded>());
    }

    [Test]
    public void Should_ignore_payment_intent_and_failed_charge_events_of_other_payments()
    {
        var znode = new ZnodeOrderToCashOptions();
        var intent = StripeFixtures.Resource("payment_intent");
        intent["metadata"] = new System.Text.Json.Nodes.JsonObject();
        var plainIntent = StripeEventEnvelope.Read(StripeEventBuilder.Create("payment_intent.succeeded", intent).Json).Envelope!;
        var failedCharge = StripeEventEnvelope.Read(StripeEventBuilder.Create("charge.failed", new ChargeSpec().ToJson()).Json).Envelope!;

        var mappings = new[] { plainIntent, failedCharge }.Select(e => Mappers(znode).Map(e, Router(znode))).ToList();

        // charge-to-order follows charge.succeeded only: the others are recorded as ignored, not as unrouted warnings.
        Assert.That(mappings.Select(m => (m.Kind, m.Route?.Flow)), Is.All.EqualTo((MappingKind.Ignore, (string?)FlowNames.ChargeToOrder)));
    }
}
