using Microsoft.Extensions.Options;
using Payments.Contracts.ChargeToOrder;
using Payments.Contracts.Shared;
using Payments.Gateway.Mappers;
using Payments.Gateway.Mappers.ChargeToOrder;
using Payments.Gateway.Routing;
using Payments.Gateway.Webhooks;
using Payments.Simulators.Stripe;

namespace Payments.Gateway.Tests.Routing;

[TestFixture]
public class When_routing_a_payment
{
    static readonly StripeEventMappers BothFlows = new([new ChargeSucceededMapper(), new OtherChargeSucceededMapper()]);

    static PaymentRouter Router(params RoutingRule[] rules) => new(Options.Create(new RoutingOptions { Rules = [.. rules] }), Options.Create(new Gateway.Mappers.ZnodeOrderToCash.ZnodeOrderToCashOptions()));

    static RoutingRule OtherRule(bool hold = false) =>
        new() { Name = "other", MetadataKey = OtherTestFlow.OrderNumberKey, Flow = OtherTestFlow.Name, Hold = hold };

    static StripeEventEnvelope Charge(IReadOnlyDictionary<string, string>? metadata = null) =>
        StripeEventEnvelope.Read(StripeEventBuilder.ChargeSucceeded(new ChargeSpec { Metadata = metadata ?? new Dictionary<string, string>() }).Json).Envelope!;

    static readonly Dictionary<string, string> OtherOrder = new() { [OtherTestFlow.OrderNumberKey] = "MA-261129-101500-QZK" };

    [Test]
    public void Should_send_a_charge_a_rule_matches_to_that_flow_only()
    {
        var mapping = BothFlows.Map(Charge(OtherOrder), Router(OtherRule()));

        Assert.That(mapping.Kind, Is.EqualTo(MappingKind.Publish), mapping.Reason);
        Assert.That(mapping.Message, Is.InstanceOf<OtherChargeReceived>());
        Assert.That(mapping.Route, Is.EqualTo(new PaymentRoute(OtherTestFlow.Name, "rule 0 'other' (metadata 'other_order_number')")));
    }

    [Test]
    public void Should_send_a_charge_no_rule_matches_to_the_default_flow()
    {
        var mapping = BothFlows.Map(Charge(), Router(OtherRule()));

        Assert.That(mapping.Message, Is.InstanceOf<StripeChargeSucceeded>());
        Assert.That(mapping.Route, Is.EqualTo(new PaymentRoute(FlowNames.ChargeToOrder, "default route")));
    }

    [Test]
    public void Should_give_every_charge_exactly_one_flow()
    {
        var router = Router(OtherRule());
        var charges = new[] { Charge(OtherOrder), Charge(), Charge(new Dictionary<string, string> { [OtherTestFlow.OrderNumberKey] = " " }) };

        var messages = charges.Select(c => BothFlows.Map(c, router).Message).ToList();

        // One message per charge, of one flow's type: never both another flow's order and a charge-to-order sales order.
        Assert.That(messages.Select(m => m?.GetType()), Is.EqualTo(new[] { typeof(OtherChargeReceived), typeof(StripeChargeSucceeded), typeof(StripeChargeSucceeded) }));
    }

    [Test]
    public void Should_take_the_first_rule_that_matches()
    {
        var invoiceRule = new RoutingRule { Name = "billing", Field = "invoice", Flow = FlowNames.ChargeToOrder };
        var chargeJson = new ChargeSpec { Metadata = OtherOrder }.ToJson();
        chargeJson["invoice"] = "in_1"; // as API versions before 2025-03-31.basil sent it
        var charge = StripeEventEnvelope.Read(StripeEventBuilder.Create("charge.succeeded", chargeJson).Json).Envelope!;

        Assert.That(Router(OtherRule(), invoiceRule).Route(charge).Flow, Is.EqualTo(OtherTestFlow.Name));
        Assert.That(Router(invoiceRule, OtherRule()).Route(charge).Rule, Is.EqualTo("rule 0 'billing' (field 'invoice')"));
    }

    [Test]
    public void Should_need_every_condition_of_a_rule()
    {
        var rule = new RoutingRule { MetadataKey = OtherTestFlow.OrderNumberKey, Field = "invoice", Flow = OtherTestFlow.Name };

        Assert.That(Router(rule).Route(Charge(OtherOrder)).Flow, Is.EqualTo(FlowNames.ChargeToOrder));
    }

    [Test]
    public void Should_leave_a_charge_of_a_held_flow_unrouted_and_publish_nothing()
    {
        var chargeToOrderOnly = new StripeEventMappers([new ChargeSucceededMapper()]);

        var mapping = chargeToOrderOnly.Map(Charge(OtherOrder), Router(OtherRule(hold: true)));

        Assert.That((mapping.Kind, mapping.Message), Is.EqualTo((MappingKind.Unrouted, (object?)null)));
        Assert.That(mapping.Route, Is.EqualTo(new PaymentRoute(OtherTestFlow.Name, "rule 0 'other' (metadata 'other_order_number')", Hold: true)));
        Assert.That(mapping.Reason, Does.Contain(OtherTestFlow.Name).And.Contain("no mapper").And.Contain("Replay"));
    }

    [Test]
    public void Should_not_route_an_event_type_no_flow_handles()
    {
        var evt = StripeEventEnvelope.Read(StripeEventBuilder.Create("customer.created", StripeFixtures.Resource("customer")).Json).Envelope!;

        var mapping = BothFlows.Map(evt, Router(OtherRule()));

        Assert.That((mapping.Kind, mapping.Route), Is.EqualTo((MappingKind.Ignore, (PaymentRoute?)null)));
    }
}
