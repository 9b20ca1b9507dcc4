using Microsoft.Extensions.Options;
using Payments.Contracts.Shared;
using Payments.Gateway.Mappers;
using Payments.Gateway.Mappers.ChargeToOrder;
using Payments.Gateway.Routing;
using Payments.Gateway.Webhooks;
using Payments.Simulators.Stripe;

namespace Payments.Gateway.Tests.Mappers;

[TestFixture]
public class When_finding_the_mapper_of_an_event
{
    static readonly PaymentRouter DefaultRouter = new(Options.Create(new RoutingOptions()), Options.Create(new Gateway.Mappers.ZnodeOrderToCash.ZnodeOrderToCashOptions()));

    static StripeEventEnvelope Envelope(StripeWebhookEvent evt) => StripeEventEnvelope.Read(evt.Json).Envelope!;

    [Test]
    public void Should_map_a_type_with_the_mapper_registered_for_it()
    {
        var mappers = new StripeEventMappers([new ChargeSucceededMapper()]);

        var mapping = mappers.Map(Envelope(StripeEventBuilder.ChargeSucceeded()), DefaultRouter);

        Assert.That(mapping.Kind, Is.EqualTo(MappingKind.Publish), mapping.Reason);
        Assert.That(mappers.Handles("charge.succeeded"), Is.True);
        Assert.That(mappers.Flows, Is.EqualTo(new[] { FlowNames.ChargeToOrder }));
    }

    [Test]
    public void Should_ignore_event_types_no_mapper_handles()
    {
        var mappers = new StripeEventMappers([new ChargeSucceededMapper()]);

        var mapping = mappers.Map(Envelope(StripeEventBuilder.Create("charge.refunded", new ChargeSpec().ToJson())), DefaultRouter);

        Assert.That(mapping.Kind, Is.EqualTo(MappingKind.Ignore));
        Assert.That(mapping.Message, Is.Null);
        Assert.That(mapping.Reason, Does.Contain("charge.refunded"));
    }

    [Test]
    public void Should_refuse_two_mappers_for_one_type_in_one_flow()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => _ = new StripeEventMappers([new ChargeSucceededMapper(), new ChargeSucceededMapper()]))!;

        Assert.That(refused.Message, Does.Contain("charge.succeeded").And.Contain(FlowNames.ChargeToOrder));
    }
}
