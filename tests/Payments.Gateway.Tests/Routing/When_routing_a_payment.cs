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
    static readonly StripeEventMappers BothFlows = new([new ChargeSucceededMapper(), new ZnodeChargeSucceededMapper()]);

    static PaymentRouter Router(params RoutingRule[] rules) => new(Options.Create(new RoutingOptions { Rules = [.. rules] }));

    static RoutingRule ZnodeRule(bool hold = false) =>
        new() { Name = "znode", MetadataKey = ZnodeTestFlow.OrderNumberKey, Flow = ZnodeTestFlow.Name, Hold = hold };

    static StripeEventEnvelope Charge(IReadOnlyDictionary<string, string>? metadata = null) =>
        StripeEventEnvelope.Read(StripeEventBuilder.ChargeSucceeded(new ChargeSpec { Metadata = metadata ?? new Dictionary<string, string>() }).Json).Envelope!;

    static readonly Dictionary<string, string> ZnodeOrder = new() { [ZnodeTestFlow.OrderNumberKey] = "MA-261129-101500-QZK" };

    [Test]
    public void Should_send_a_charge_a_rule_matches_to_that_flow_only()
    {
        var mapping = BothFlows.Map(Charge(ZnodeOrder), Router(ZnodeRule()));

        Assert.That(mapping.Kind, Is.EqualTo(MappingKind.Publish), mapping.Reason);
        Assert.That(mapping.Message, Is.InstanceOf<ZnodeChargeReceived>());
        Assert.That(mapping.Route, Is.EqualTo(new PaymentRoute(ZnodeTestFlow.Name, "rule 0 'znode' (metadata 'znode_order_number')")));
    }

    [Test]
    public void Should_send_a_charge_no_rule_matches_to_the_default_flow()
    {
        var mapping = BothFlows.Map(Charge(), Router(ZnodeRule()));

        Assert.That(mapping.Message, Is.InstanceOf<StripeChargeSucceeded>());
        Assert.That(mapping.Route, Is.EqualTo(new PaymentRoute(FlowNames.ChargeToOrder, "default route")));
    }

    [Test]
    public void Should_give_every_charge_exactly_one_flow()
    {
        var router = Router(ZnodeRule());
        var charges = new[] { Charge(ZnodeOrder), Charge(), Charge(new Dictionary<string, string> { [ZnodeTestFlow.OrderNumberKey] = " " }) };

        var messages = charges.Select(c => BothFlows.Map(c, router).Message).ToList();

        // One message per charge, of one flow's type: never both a Znode order and a charge-to-order sales order.
        Assert.That(messages.Select(m => m?.GetType()), Is.EqualTo(new[] { typeof(ZnodeChargeReceived), typeof(StripeChargeSucceeded), typeof(StripeChargeSucceeded) }));
    }

    [Test]
    public void Should_take_the_first_rule_that_matches()
    {
        var invoiceRule = new RoutingRule { Name = "billing", Field = "invoice", Flow = FlowNames.ChargeToOrder };
        var chargeJson = new ChargeSpec { Metadata = ZnodeOrder }.ToJson();
        chargeJson["invoice"] = "in_1"; // as API versions before 2025-03-31.basil sent it
        var charge = StripeEventEnvelope.Read(StripeEventBuilder.Create("charge.succeeded", chargeJson).Json).Envelope!;

        Assert.That(Router(ZnodeRule(), invoiceRule).Route(charge).Flow, Is.EqualTo(ZnodeTestFlow.Name));
        Assert.That(Router(invoiceRule, ZnodeRule()).Route(charge).Rule, Is.EqualTo("rule 0 'billing' (field 'invoice')"));
    }

    [Test]
    public void Should_need_every_condition_of_a_rule()
    {
        var rule = new RoutingRule { MetadataKey = ZnodeTestFlow.OrderNumberKey, Field = "invoice", Flow = ZnodeTestFlow.Name };

        Assert.That(Router(rule).Route(Charge(ZnodeOrder)).Flow, Is.EqualTo(FlowNames.ChargeToOrder));
    }

    [Test]
    public void Should_leave_a_charge_of_a_held_flow_unrouted_and_publish_nothing()
    {
        var chargeToOrderOnly = new StripeEventMappers([new ChargeSucceededMapper()]);

        var mapping = chargeToOrderOnly.Map(Charge(ZnodeOrder), Router(ZnodeRule(hold: true)));

        Assert.That((mapping.Kind, mapping.Message), Is.EqualTo((MappingKind.Unrouted, (object?)null)));
        Assert.That(mapping.Route, Is.EqualTo(new PaymentRoute(ZnodeTestFlow.Name, "rule 0 'znode' (metadata 'znode_order_number')", Hold: true)));
        Assert.That(mapping.Reason, Does.Contain(ZnodeTestFlow.Name).And.Contain("no mapper").And.Contain("Replay"));
    }

    [Test]
    public void Should_not_route_an_event_type_no_flow_handles()
    {
        var evt = StripeEventEnvelope.Read(StripeEventBuilder.Create("customer.created", StripeFixtures.Resource("customer")).Json).Envelope!;

        var mapping = BothFlows.Map(evt, Router(ZnodeRule()));

        Assert.That((mapping.Kind, mapping.Route), Is.EqualTo((MappingKind.Ignore, (PaymentRoute?)null)));
    }
}
