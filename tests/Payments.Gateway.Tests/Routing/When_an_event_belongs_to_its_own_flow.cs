using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Payments.Contracts.ChargeToOrder;
using Payments.Contracts.PaymentRisk;
using Payments.Contracts.Shared;
using Payments.Contracts.StripeRefund;
using Payments.Contracts.ZnodeOrderToCash;
using Payments.Gateway.Data;
using Payments.Gateway.Mappers;
using Payments.Gateway.Mappers.ChargeToOrder;
using Payments.Gateway.Mappers.PaymentRisk;
using Payments.Gateway.Mappers.StripeRefund;
using Payments.Gateway.Mappers.ZnodeOrderToCash;
using Payments.Gateway.Routing;
using Payments.Gateway.Webhooks;
using Payments.Simulators.Stripe;

namespace Payments.Gateway.Tests.Routing;

/// <summary>
/// Refunds, disputes, fraud warnings and the risk seen on a charge belong to their own flow whichever flow took the payment: the
/// payment router does not decide them, and they never count as a payment's start.
/// </summary>
[TestFixture]
public class When_an_event_belongs_to_its_own_flow
{
    const string OrderNumber = "MA-261130-090000-RFD";

    static readonly PaymentRouter Router = new(Options.Create(new RoutingOptions()), Options.Create(new ZnodeOrderToCashOptions()));

    static StripeEventMappers Mappers(string? observeAtLeast = RiskLevels.Elevated)
    {
        var znode = Options.Create(new ZnodeOrderToCashOptions());
        return new StripeEventMappers([
            new ChargeSucceededMapper(), new ZnodeChargeSucceededMapper(znode), new RefundReportedMapper(), new ChargeRefundedMapper(),
            new ChargeRiskObservedMapper(Options.Create(new PaymentRiskOptions { ObserveRiskLevelAtLeast = observeAtLeast })),
        ]);
    }

    static StripeEventEnvelope Envelope(StripeWebhookEvent evt) => StripeEventEnvelope.Read(evt.Json).Envelope!;

    static JsonObject ZnodeCharge()
    {
        var charge = new ChargeSpec { Id = "ch_3Znode", PaymentIntentId = "pi_3Znode", Amount = 5000, Metadata = new Dictionary<string, string> { ["znode_order_number"] = OrderNumber } }.ToJson();
        charge["amount_refunded"] = 3000;
        return charge;
    }

    static JsonObject Refund(JsonObject? metadata = null)
    {
        var refund = StripeFixtures.Resource("refund");
        refund["id"] = "re_3OfZnode";
        refund["charge"] = "ch_3Znode";
        refund["amount"] = 3000;
        refund["metadata"] = metadata ?? new JsonObject { ["znode_order_number"] = OrderNumber };
        return refund;
    }

    static ChargeSpec RiskyCharge(Dictionary<string, string>? metadata = null) => new()
    {
        Id = "ch_3Risky", Amount = 5000, Metadata = metadata ?? [],
    };

    static StripeWebhookEvent RiskyChargeSucceeded(string level, Dictionary<string, string>? metadata = null)
    {
        var charge = RiskyCharge(metadata).ToJson();
        charge["outcome"] = new JsonObject { ["type"] = "authorized", ["risk_level"] = level, ["risk_score"] = 80 };
        return StripeEventBuilder.Create("charge.succeeded", charge);
    }

    [Test]
    public void Should_send_the_charge_refunded_of_a_znode_routed_charge_to_stripe_refund()
    {
        var mapping = Mappers().Map(Envelope(StripeEventBuilder.Create("charge.refunded", ZnodeCharge())), Router);

        Assert.That(mapping.Kind, Is.EqualTo(MappingKind.Publish), mapping.Reason);
        Assert.That(mapping.Message, Is.InstanceOf<StripeChargeRefunded>());
        Assert.That(mapping.Route!.Flow, Is.EqualTo(FlowNames.StripeRefund));
        Assert.That(mapping.AlsoPublish, Is.Empty);
    }

    [Test]
    public void Should_send_a_refund_carrying_the_znode_order_number_to_stripe_refund()
    {
        var mapping = Mappers().Map(Envelope(StripeEventBuilder.Create("refund.created", Refund())), Router);

        Assert.That(mapping.Kind, Is.EqualTo(MappingKind.Publish), mapping.Reason);
        Assert.That(((StripeRefundReported)mapping.Message!).RefundId, Is.EqualTo("re_3OfZnode"));
        Assert.That(mapping.Route!.Flow, Is.EqualTo(FlowNames.StripeRefund));
    }

    [Test]
    public void Should_not_offer_its_flows_to_the_routing_rules()
    {
        Assert.That(Mappers().Flows, Is.EqualTo(new[] { FlowNames.ChargeToOrder, FlowNames.ZnodeOrderToCash }));
    }

    [Test]
    public void Should_publish_the_observed_risk_with_the_charges_own_flow_message()
    {
        var mapping = Mappers().Map(Envelope(RiskyChargeSucceeded("elevated")), Router);

        Assert.That(mapping.Kind, Is.EqualTo(MappingKind.Publish), mapping.Reason);
        Assert.That(mapping.Message, Is.InstanceOf<StripeChargeSucceeded>());
        Assert.That(mapping.Route!.Flow, Is.EqualTo(FlowNames.ChargeToOrder));
        Assert.That(mapping.AlsoPublish.Single(), Is.InstanceOf<ChargeRiskObserved>());
    }

    [Test]
    public void Should_publish_the_observed_risk_with_a_znode_orders_payment_too()
    {
        var mapping = Mappers().Map(Envelope(RiskyChargeSucceeded("highest", new() { ["znode_order_number"] = OrderNumber })), Router);

        Assert.That(mapping.Message, Is.InstanceOf<ZnodeOrderPaymentSucceeded>(), mapping.Reason);
        Assert.That(mapping.AlsoPublish.Single(), Is.InstanceOf<ChargeRiskObserved>());
    }

    [Test]
    public void Should_publish_only_the_charges_flow_message_when_the_risk_is_normal_or_observing_is_off()
    {
        Assert.That(Mappers().Map(Envelope(RiskyChargeSucceeded("normal")), Router).AlsoPublish, Is.Empty);
        Assert.That(Mappers(observeAtLeast: "").Map(Envelope(RiskyChargeSucceeded("highest")), Router).AlsoPublish, Is.Empty);
    }

    [Test]
    public void Should_refuse_the_whole_charge_when_its_own_flow_refuses_it()
    {
        var charge = RiskyCharge().ToJson();
        charge["outcome"] = new JsonObject { ["risk_level"] = "highest" };
        charge["currency"] = "us";

        var mapping = Mappers().Map(Envelope(StripeEventBuilder.Create("charge.succeeded", charge)), Router);

        Assert.That(mapping.Kind, Is.EqualTo(MappingKind.Reject));
        Assert.That(mapping.AlsoPublish, Is.Empty);
    }

    [Test]
    public async Task Should_commit_a_refund_of_a_znode_routed_charge_to_stripe_refund_through_the_gateway()
    {
        await using var gateway = await GatewayHost.StartAsync();
        var refunded = StripeEventBuilder.Create("charge.refunded", ZnodeCharge());
        var refund = StripeEventBuilder.Create("refund.created", Refund());

        await gateway.PostAsync(refunded.Json, refunded.Sign(GatewayHost.Secret));
        await gateway.PostAsync(refund.Json, refund.Sign(GatewayHost.Secret));

        Assert.That((await gateway.PublishedAsync<StripeChargeRefunded>()).Single().ChargeId, Is.EqualTo("ch_3Znode"));
        Assert.That((await gateway.PublishedAsync<StripeRefundReported>()).Single().AmountMinor, Is.EqualTo(3000));
        var recorded = await gateway.RecordedEventsAsync();
        Assert.That(recorded.Select(r => (r.Outcome, r.Flow)),
            Is.EqualTo(new[] { (WebhookOutcome.Published, (string?)FlowNames.StripeRefund), (WebhookOutcome.Published, (string?)FlowNames.StripeRefund) }));
    }

    [Test]
    public async Task Should_commit_the_observed_risk_with_the_charge_in_one_delivery()
    {
        await using var gateway = await GatewayHost.StartAsync();
        var evt = RiskyChargeSucceeded("highest");

        await gateway.PostAsync(evt.Json, evt.Sign(GatewayHost.Secret));

        Assert.That((await gateway.PublishedAsync<StripeChargeSucceeded>()).Single().StripeEventId, Is.EqualTo(evt.Id));
        var observed = (await gateway.PublishedAsync<ChargeRiskObserved>()).Single();
        Assert.That((observed.StripeEventId, observed.RiskLevel, observed.RiskScore), Is.EqualTo((evt.Id, "highest", (int?)80)));
        Assert.That((await gateway.RecordedEventsAsync()).Single().Flow, Is.EqualTo(FlowNames.ChargeToOrder));
    }
}
