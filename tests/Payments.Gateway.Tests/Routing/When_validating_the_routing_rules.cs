using Payments.Contracts.Shared;
using Payments.Gateway.Mappers;
using Payments.Gateway.Mappers.ChargeToOrder;
using Payments.Gateway.Routing;

namespace Payments.Gateway.Tests.Routing;

[TestFixture]
public class When_validating_the_routing_rules
{
    static readonly RoutingOptionsValidator Validator = new(new StripeEventMappers([new ChargeSucceededMapper()]));

    static IEnumerable<string> Failures(params RoutingRule[] rules) => Validator.Validate(null, new RoutingOptions { Rules = [.. rules] }).Failures ?? [];

    [Test]
    public void Should_accept_no_rules_and_rules_naming_a_flow_of_this_version()
    {
        Assert.That(Failures(), Is.Empty);
        Assert.That(Failures(new RoutingRule { MetadataKey = "shop", Flow = FlowNames.ChargeToOrder }), Is.Empty);
        Assert.That(Failures(new RoutingRule { MetadataKey = OtherTestFlow.OrderNumberKey, Flow = OtherTestFlow.Name, Hold = true }), Is.Empty);
    }

    [Test]
    public void Should_refuse_a_rule_naming_a_flow_without_a_mapper_in_this_version()
    {
        Assert.That(Failures(new RoutingRule { MetadataKey = OtherTestFlow.OrderNumberKey, Flow = OtherTestFlow.Name }), Is.EqualTo(new[]
        {
            "Gateway:Routing:Rules:0:Flow 'other-flow' has no mapper in this version (flows here: charge-to-order). " +
            "Fix the name, or set Gateway:Routing:Rules:0:Hold=true to record its payments as unrouted until the flow exists.",
        }));
    }

    [Test]
    public void Should_refuse_holding_a_flow_this_version_has()
    {
        Assert.That(Failures(new RoutingRule { MetadataKey = "shop", Flow = FlowNames.ChargeToOrder, Hold = true }).Single(),
            Does.Contain("Gateway:Routing:Rules:0 holds payments of flow 'charge-to-order', which this version has"));
    }

    [Test]
    public void Should_refuse_a_rule_without_flow_or_condition_one_line_each()
    {
        Assert.That(Failures(new RoutingRule(), new RoutingRule { Field = "payment_intent..invoice", Flow = FlowNames.ChargeToOrder }), Is.EqualTo(new[]
        {
            "Gateway:Routing:Rules:0:Flow must name a flow (charge-to-order).",
            "Gateway:Routing:Rules:0 has no condition: set MetadataKey and/or Field.",
            "Gateway:Routing:Rules:1:Field 'payment_intent..invoice' is not a dotted path of field names (e.g. invoice, payment_intent.invoice).",
        }));
    }

    [Test]
    public void Should_refuse_a_default_flow_without_a_mapper()
    {
        var result = Validator.Validate(null, new RoutingOptions { Default = "charge-to-ordr" });

        Assert.That(result.Failures, Is.EqualTo(new[] { "Gateway:Routing:Default 'charge-to-ordr' has no mapper in this version (flows here: charge-to-order)." }));
    }
}
