using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Payments.Gateway.Mappers;
using Payments.Gateway.Webhooks;

namespace Payments.Gateway.Tests.Webhooks;

[TestFixture]
public class When_listing_the_events_the_webhook_endpoint_sends
{
    [Test]
    public void Should_list_exactly_the_types_the_registered_mappers_consume()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Gateway:WebhookSecrets:0"] = "whsec_test",
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:Gateway"] = "Data Source=:memory:",
        });
        builder.AddGateway();
        using var services = builder.Services.BuildServiceProvider();

        var consumed = services.GetServices<IStripeEventMapper>().SelectMany(m => m.EventTypes).Distinct().Order(StringComparer.Ordinal);

        Assert.That(StripeWebhookEvents.Types, Is.EqualTo(consumed), "StripeWebhookEvents.Types must name every type a mapper in AddGateway consumes, and no other");
    }

    [Test]
    public void Should_ask_for_the_api_version_the_gateway_reads()
    {
        Assert.That(ApiVersions.IsOnSdkTrain(StripeWebhookEvents.ApiVersion), Is.True);
        Assert.That(StripeWebhookEvents.Types, Is.Unique);
    }
}
