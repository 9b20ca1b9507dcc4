using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Payments.Contracts.PayoutReconciliation;
using Payments.Contracts.Shared;
using Payments.Gateway.Data;
using Payments.Gateway.Mappers;
using Payments.Gateway.Mappers.ChargeToOrder;
using Payments.Gateway.Mappers.PayoutReconciliation;
using Payments.Gateway.Mappers.ZnodeOrderToCash;
using Payments.Gateway.Routing;
using Payments.Gateway.Webhooks;
using Payments.Simulators.Stripe;

namespace Payments.Gateway.Tests.Mappers.PayoutReconciliation;

/// <summary>A payout belongs to the payout-reconciliation flow whatever the routing rules say: the payment router never decides it.</summary>
[TestFixture]
public class When_a_payout_event_reaches_the_gateway
{
    const string PayoutId = "po_3Routed";

    static JsonObject Payout(Action<JsonObject>? change = null)
    {
        var payout = StripeFixtures.Resource("payout");
        payout["id"] = PayoutId;
        payout["status"] = "paid";
        // Metadata and fields a payment's routing rules look at: they must not pull the payout into a payment's flow.
        payout["metadata"] = new JsonObject { ["znode_order_number"] = "MA-261202-061500-PYT", ["route_me"] = "yes" };
        change?.Invoke(payout);
        return payout;
    }

    static StripeEventEnvelope Envelope(JsonObject payout, string type = "payout.paid") =>
        StripeEventEnvelope.Read(StripeEventBuilder.Create(type, payout).Json).Envelope!;

    static StripeEventMappers Mappers() => new([
        new ChargeSucceededMapper(), new ZnodeChargeSucceededMapper(Options.Create(new ZnodeOrderToCashOptions())),
        new PayoutCreatedMapper(), new PayoutUpdatedMapper(), new PayoutPaidMapper(), new PayoutFailedMapper(), new PayoutCanceledMapper(),
        new PayoutReconciliationCompletedMapper(),
    ]);

    /// <summary>Rules that would catch the payout if the router were asked: a metadata key it carries, a field it has.</summary>
    static PaymentRouter GreedyRouter() => new(Options.Create(new RoutingOptions
    {
        Rules =
        [
            new RoutingRule { Name = "everything-with-route_me", MetadataKey = "route_me", Flow = FlowNames.ChargeToOrder },
            new RoutingRule { Name = "everything-with-destination", Field = "destination", Flow = FlowNames.ZnodeOrderToCash },
        ],
    }), Options.Create(new ZnodeOrderToCashOptions()));

    [TestCase("payout.created")]
    [TestCase("payout.paid")]
    [TestCase("payout.reconciliation_completed")]
    public void Should_send_it_to_its_own_flow_only(string type)
    {
        var mapping = Mappers().Map(Envelope(Payout(), type), GreedyRouter());

        Assert.That(mapping.Kind, Is.EqualTo(MappingKind.Publish), mapping.Reason);
        Assert.That(((StripePayoutReported)mapping.Message!).PayoutId, Is.EqualTo(PayoutId));
        Assert.That(mapping.Route, Is.EqualTo(new PaymentRoute(FlowNames.PayoutReconciliation, $"its own flow (event type '{type}')")));
        Assert.That(mapping.AlsoPublish, Is.Empty);
    }

    [Test]
    public void Should_not_offer_the_payout_flow_to_the_routing_rules()
    {
        var mappers = Mappers();

        Assert.That(mappers.Flows, Does.Not.Contain(FlowNames.PayoutReconciliation));
        var rules = new RoutingOptions { Rules = [new RoutingRule { MetadataKey = "route_me", Flow = FlowNames.PayoutReconciliation }] };
        var validation = new RoutingOptionsValidator(mappers).Validate(null, rules);
        Assert.That(validation.Failed, Is.True);
        Assert.That(validation.FailureMessage, Does.Contain($"'{FlowNames.PayoutReconciliation}' has no mapper"));
    }

    [Test]
    public async Task Should_commit_the_payouts_snapshot_to_the_payout_flow()
    {
        await using var gateway = await GatewayHost.StartAsync();
        var evt = StripeEventBuilder.Create("payout.paid", Payout());

        var response = await gateway.PostAsync(evt.Json, evt.Sign(GatewayHost.Secret));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var reported = (await gateway.PublishedAsync<StripePayoutReported>()).Single();
        Assert.That((reported.PayoutId, reported.StripeEventId, reported.Status), Is.EqualTo((PayoutId, evt.Id, "paid")));
        var recorded = (await gateway.RecordedEventsAsync()).Single();
        Assert.That((recorded.Outcome, recorded.Flow), Is.EqualTo((WebhookOutcome.Published, (string?)FlowNames.PayoutReconciliation)));
    }

    [Test]
    public async Task Should_refuse_and_keep_a_payout_without_a_currency_with_the_reason()
    {
        await using var gateway = await GatewayHost.StartAsync();
        var evt = StripeEventBuilder.Create("payout.paid", Payout(p => p.Remove("currency")));

        var response = await gateway.PostAsync(evt.Json, evt.Sign(GatewayHost.Secret));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        var kept = (await gateway.RejectedAsync()).Single();
        Assert.Multiple(() =>
        {
            Assert.That((kept.EventId, kept.Reason, kept.Payload), Is.EqualTo((evt.Id, "invalid_event", evt.Json)));
            Assert.That(kept.Detail, Does.Contain($"Payout {PayoutId} has no ISO 4217 'currency'"));
        });
        Assert.That(await gateway.OutboxMessagesAsync(), Is.Empty);
    }
}
