using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Payments.Contracts.ChargeToOrder;
using Payments.Contracts.Shared;
using Payments.Contracts.StripeSubscription;
using Payments.Gateway.Data;
using Payments.Simulators.Stripe;

namespace Payments.Gateway.Tests.Routing;

/// <summary>
/// Issue 14 item 8: the charge of a Billing invoice goes through the stripe-subscription flow only (its invoice.paid books it) and never
/// also creates a sales order through charge-to-order. The gateway as shipped: the 'billing' rule from docker-compose.yml.
/// </summary>
[TestFixture]
public class When_a_Billing_invoices_charge_reaches_the_gateway
{
    /// <summary>As docker-compose.yml, the sandbox and FlowFixture configure it.</summary>
    static Dictionary<string, string?> BillingRule() => new()
    {
        ["Gateway:Routing:Rules:0:Name"] = "billing",
        ["Gateway:Routing:Rules:0:Flow"] = FlowNames.StripeSubscription,
        ["Gateway:Routing:Rules:0:Field"] = "invoice",
    };

    static StripeWebhookEvent BillingCharge(string invoiceId, string? apiVersion = null)
    {
        var charge = new ChargeSpec { CustomerId = "cus_RkT8hJ2xQm4Lpa", Description = "Subscription update" }.ToJson();
        charge["invoice"] = invoiceId;
        return StripeEventBuilder.Create("charge.succeeded", charge, apiVersion: apiVersion);
    }

    static async Task<string?> OutcomeOf(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonObject>())?["outcome"]?.GetValue<string>();

    [Test]
    public async Task Should_record_it_for_the_subscription_flow_and_publish_nothing()
    {
        await using var gateway = await GatewayHost.StartAsync(BillingRule());
        var evt = BillingCharge("in_1QnRenew7Hk2");

        var response = await gateway.PostAsync(evt.Json, evt.Sign(GatewayHost.Secret));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await OutcomeOf(response), Is.EqualTo("ignored"));
        Assert.That(await gateway.OutboxMessagesAsync(), Is.Empty, "no StripeChargeSucceeded: charge-to-order never sees it");
        var recorded = (await gateway.RecordedEventsAsync()).Single();
        Assert.Multiple(() =>
        {
            Assert.That((recorded.EventId, recorded.Outcome, recorded.Flow), Is.EqualTo((evt.Id, WebhookOutcome.Ignored, FlowNames.StripeSubscription)));
            Assert.That(recorded.Reason, Does.Contain("in_1QnRenew7Hk2").And.Contain("invoice.paid"));
        });
    }

    /// <summary>
    /// The versions that still put <c>invoice</c> on a charge are those before 2025-03-31.basil, off the SDK's train: accepted only with
    /// <c>Gateway:ApiVersionMismatch=Accept</c> (an upgrade window), and then kept away from charge-to-order by the rule just the same.
    /// </summary>
    [Test]
    public async Task Should_keep_a_Billing_charge_of_an_api_version_before_basil_from_charge_to_order()
    {
        var settings = BillingRule();
        settings["Gateway:ApiVersionMismatch"] = "Accept";
        await using var gateway = await GatewayHost.StartAsync(settings);
        var evt = BillingCharge("in_1OldShape", apiVersion: "2025-02-24.acacia");

        var response = await gateway.PostAsync(evt.Json, evt.Sign(GatewayHost.Secret));

        Assert.That(await OutcomeOf(response), Is.EqualTo("ignored"));
        Assert.That(await gateway.PublishedAsync<StripeChargeSucceeded>(), Is.Empty);
        Assert.That((await gateway.RecordedEventsAsync()).Single().Flow, Is.EqualTo(FlowNames.StripeSubscription));
    }

    [Test]
    public async Task Should_still_send_a_shops_charge_to_charge_to_order()
    {
        await using var gateway = await GatewayHost.StartAsync(BillingRule());
        var billing = BillingCharge("in_1QnRenew7Hk2");
        var plain = StripeEventBuilder.ChargeSucceeded(new ChargeSpec { BillingEmail = "buyer@example.com" });

        await gateway.PostAsync(billing.Json, billing.Sign(GatewayHost.Secret));
        var response = await gateway.PostAsync(plain.Json, plain.Sign(GatewayHost.Secret));

        Assert.That(await OutcomeOf(response), Is.EqualTo("published"));
        var published = await gateway.PublishedAsync<StripeChargeSucceeded>();
        Assert.That(published.Select(m => m.StripeEventId), Is.EqualTo(new[] { plain.Id }));
        var recorded = await gateway.RecordedEventsAsync();
        Assert.That(recorded.Single(r => r.EventId == plain.Id).Flow, Is.EqualTo(FlowNames.ChargeToOrder));
    }

    [Test]
    public async Task Should_send_the_invoices_paid_event_to_the_subscription_flow()
    {
        await using var gateway = await GatewayHost.StartAsync(BillingRule());
        var invoice = StripeFixtures.Resource("invoice");
        invoice.Remove("subscription");
        invoice["id"] = "in_1QnRenew7Hk2";
        invoice["status"] = "paid";
        invoice["amount_paid"] = 1000;
        invoice["parent"] = new JsonObject
        {
            ["type"] = "subscription_details",
            ["subscription_details"] = new JsonObject { ["subscription"] = "sub_1QmPlan9xYz" },
        };
        var evt = StripeEventBuilder.Create("invoice.paid", invoice);

        var response = await gateway.PostAsync(evt.Json, evt.Sign(GatewayHost.Secret));

        Assert.That(await OutcomeOf(response), Is.EqualTo("published"));
        var reported = (await gateway.PublishedAsync<StripeInvoiceReported>()).Single();
        Assert.That((reported.InvoiceId, reported.SubscriptionId, reported.CorrelationId),
            Is.EqualTo(("in_1QnRenew7Hk2", "sub_1QmPlan9xYz", CorrelationKey.StripeSubscription("sub_1QmPlan9xYz").ToGuid())));
    }

    [Test]
    public async Task Should_record_a_one_off_invoice_as_ignored_with_the_reason()
    {
        await using var gateway = await GatewayHost.StartAsync(BillingRule());
        var invoice = StripeFixtures.Resource("invoice");
        invoice.Remove("subscription");
        invoice["parent"] = null;
        invoice["status"] = "paid";
        var evt = StripeEventBuilder.Create("invoice.paid", invoice);

        var response = await gateway.PostAsync(evt.Json, evt.Sign(GatewayHost.Secret));

        Assert.That((response.StatusCode, await OutcomeOf(response)), Is.EqualTo((HttpStatusCode.OK, "ignored")));
        Assert.That(await gateway.OutboxMessagesAsync(), Is.Empty);
        var recorded = (await gateway.RecordedEventsAsync()).Single();
        Assert.That((recorded.Outcome, recorded.Flow), Is.EqualTo((WebhookOutcome.Ignored, FlowNames.StripeSubscription)));
        Assert.That(recorded.Reason, Does.Contain("no subscription"));
    }
}
