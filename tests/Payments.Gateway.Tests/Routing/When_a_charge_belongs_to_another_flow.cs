using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Payments.Contracts.ChargeToOrder;
using Payments.Contracts.Shared;
using Payments.Gateway.Data;
using Payments.Gateway.Mappers;
using Payments.Simulators.Stripe;

namespace Payments.Gateway.Tests.Routing;

/// <summary>
/// The routing rules at the gateway: a charge a configured rule matches belongs to that rule's flow, never also to
/// charge-to-order. That flow is held today (no mapper in this version), or registered by the test to stand for the day it lands.
/// </summary>
[TestFixture]
public class When_a_charge_belongs_to_another_flow
{
    static StripeWebhookEvent OtherCharge() =>
        StripeEventBuilder.ChargeSucceeded(new ChargeSpec { Metadata = new Dictionary<string, string> { [OtherTestFlow.OrderNumberKey] = "MA-261129-101500-QZK" } });

    static async Task<string?> OutcomeOf(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonObject>())?["outcome"]?.GetValue<string>();

    [Test]
    public async Task Should_record_it_as_unrouted_and_publish_nothing_while_that_flow_is_held()
    {
        var logs = new CapturedLogs();
        await using var gateway = await GatewayHost.StartAsync(OtherTestFlow.Rule(hold: true), logs);
        var evt = OtherCharge();

        var response = await gateway.PostAsync(evt.Json, evt.Sign(GatewayHost.Secret));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await OutcomeOf(response), Is.EqualTo("unrouted"));
        Assert.That(await gateway.OutboxMessagesAsync(), Is.Empty, "nothing may reach charge-to-order (or anywhere)");
        var recorded = (await gateway.RecordedEventsAsync()).Single();
        Assert.Multiple(() =>
        {
            Assert.That((recorded.EventId, recorded.Outcome, recorded.Flow, recorded.CorrelationId),
                Is.EqualTo((evt.Id, WebhookOutcome.Unrouted, OtherTestFlow.Name, (Guid?)null)));
            Assert.That(recorded.Reason, Does.Contain("'other-flow' by rule 0 'other'").And.Contain("no mapper"));
            Assert.That(recorded.Payload, Is.EqualTo(evt.Json), "kept whole for a replay");
        });
        var warning = logs.AtLeast(LogLevel.Warning).Single();
        Assert.That(warning.Message, Does.Contain(evt.Id).And.Contain("unrouted").And.Contain(OtherTestFlow.Name));
    }

    [Test]
    public async Task Should_still_publish_other_charges_to_charge_to_order_and_answer_a_redelivery_as_duplicate()
    {
        await using var gateway = await GatewayHost.StartAsync(OtherTestFlow.Rule(hold: true));
        var held = OtherCharge();
        var plain = StripeEventBuilder.ChargeSucceeded();

        await gateway.PostAsync(held.Json, held.Sign(GatewayHost.Secret));
        var again = await gateway.PostAsync(held.Json, held.Sign(GatewayHost.Secret));
        await gateway.PostAsync(plain.Json, plain.Sign(GatewayHost.Secret));

        Assert.That(await OutcomeOf(again), Is.EqualTo("duplicate"));
        var published = await gateway.PublishedAsync<StripeChargeSucceeded>();
        Assert.That(published.Select(m => m.StripeEventId), Is.EqualTo(new[] { plain.Id }));
    }

    [Test]
    public async Task Should_publish_it_in_that_flow_only_once_the_flow_has_a_mapper()
    {
        await using var gateway = await GatewayHost.StartAsync(OtherTestFlow.Rule(hold: false),
            services: s => s.AddStripeEventMapper<OtherChargeSucceededMapper>());
        var evt = OtherCharge();

        var response = await gateway.PostAsync(evt.Json, evt.Sign(GatewayHost.Secret));

        Assert.That(await OutcomeOf(response), Is.EqualTo("published"));
        var outbox = await gateway.OutboxMessagesAsync();
        Assert.That(outbox.Select(m => m.MessageType), Has.One.Contains(nameof(OtherChargeReceived)));
        Assert.That(outbox.Select(m => m.MessageType), Has.None.Contains(nameof(StripeChargeSucceeded)));
        Assert.That(await gateway.PublishedAsync<StripeChargeSucceeded>(), Is.Empty);
        Assert.That((await gateway.RecordedEventsAsync()).Single().Flow, Is.EqualTo(OtherTestFlow.Name));
    }

    [Test]
    public void Should_refuse_to_start_with_a_rule_naming_a_flow_this_version_does_not_have()
    {
        var refused = Assert.ThrowsAsync<OptionsValidationException>(() => GatewayHost.StartAsync(OtherTestFlow.Rule(hold: false)))!;

        Assert.That(refused.Message, Does.Contain("Gateway:Routing:Rules:0:Flow 'other-flow' has no mapper in this version"));
    }

    [Test]
    public async Task Should_record_the_default_route_for_a_charge_no_rule_matches()
    {
        await using var gateway = await GatewayHost.StartAsync(OtherTestFlow.Rule(hold: true));
        var evt = StripeEventBuilder.ChargeSucceeded();

        await gateway.PostAsync(evt.Json, evt.Sign(GatewayHost.Secret));

        Assert.That((await gateway.RecordedEventsAsync()).Single().Flow, Is.EqualTo(FlowNames.ChargeToOrder));
    }
}
