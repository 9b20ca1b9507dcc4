using System.Net;
using Payments.Contracts.ChargeToOrder;
using Payments.Contracts.Shared;
using Payments.Contracts.ZnodeOrderToCash;
using Payments.Simulators.Stripe;

namespace Payments.Gateway.Tests.Routing;

/// <summary>Through the real gateway: the charge of a Znode order starts the Znode flow, and charge-to-order only when configured to.</summary>
[TestFixture]
public class When_Stripe_posts_a_znode_orders_charge
{
    static StripeWebhookEvent ZnodeCharge() => StripeEventBuilder.ChargeSucceeded(new ChargeSpec
    {
        Metadata = new Dictionary<string, string> { [StripeMetadataKeys.ZnodeOrderNumber] = "MA-261129-101500-QZK" },
    });

    [Test]
    public async Task Should_publish_the_znode_orders_payment_and_no_charge_to_order_by_default()
    {
        await using var gateway = await GatewayHost.StartAsync();
        var evt = ZnodeCharge();

        var response = await gateway.PostAsync(evt.Json, evt.Sign(GatewayHost.Secret));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var paid = (await gateway.PublishedAsync<ZnodeOrderPaymentSucceeded>()).Single();
        Assert.Multiple(async () =>
        {
            Assert.That((paid.OrderNumber, paid.StripeEventId), Is.EqualTo(("MA-261129-101500-QZK", evt.Id)));
            Assert.That(await gateway.PublishedAsync<StripeChargeSucceeded>(), Is.Empty);
            var recorded = (await gateway.RecordedEventsAsync()).Single();
            Assert.That((recorded.Flow, recorded.CorrelationId), Is.EqualTo((FlowNames.ZnodeOrderToCash, (Guid?)CorrelationKey.ZnodeOrder("MA-261129-101500-QZK").ToGuid())));
        });
    }

    [Test]
    public async Task Should_publish_both_when_configured_to_create_the_P21_sales_order_too()
    {
        await using var gateway = await GatewayHost.StartAsync(new Dictionary<string, string?> { ["Gateway:ZnodeOrderToCash:AlsoChargeToOrder"] = "true" });
        var evt = ZnodeCharge();

        await gateway.PostAsync(evt.Json, evt.Sign(GatewayHost.Secret));

        Assert.That((await gateway.PublishedAsync<ZnodeOrderPaymentSucceeded>()).Count, Is.EqualTo(1));
        Assert.That((await gateway.PublishedAsync<StripeChargeSucceeded>()).Single().StripeEventId, Is.EqualTo(evt.Id));
    }
}
