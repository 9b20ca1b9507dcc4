using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Payments.Contracts.ChargeToOrder;
using Payments.Simulators.Stripe;

namespace Payments.Gateway.Tests;

/// <summary>The unique-key race on a real database server, where concurrent inserts of one key really do wait on each other.</summary>
[TestFixture]
public class When_Stripe_redelivers_to_a_gateway_on_PostgreSQL
{
    GatewayHost _gateway = null!;

    [SetUp]
    public async Task Start()
    {
        _gateway = await GatewayHost.StartOnPostgresAsync(TestPostgres.ServerOrIgnore());
    }

    [TearDown]
    public async Task Stop()
    {
        if (_gateway is not null) await _gateway.DisposeAsync();
    }

    [Test]
    public async Task Should_publish_once_when_the_same_event_arrives_20_times_at_once()
    {
        var evt = StripeEventBuilder.ChargeSucceeded();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => _gateway.PostAsync(evt.Json, evt.Sign(GatewayHost.Secret))));

        Assert.That(responses.Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.OK));
        var outcomes = await Task.WhenAll(responses.Select(async r => (await r.Content.ReadFromJsonAsync<JsonObject>())!["outcome"]!.GetValue<string>()));
        var published = await _gateway.PublishedAsync<StripeChargeSucceeded>();
        Assert.Multiple(() =>
        {
            Assert.That(outcomes.Count(o => o == "published"), Is.EqualTo(1));
            Assert.That(outcomes.Count(o => o == "duplicate"), Is.EqualTo(19));
            Assert.That(published, Has.Count.EqualTo(1));
        });
        Assert.That(await _gateway.RecordedEventsAsync(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Should_keep_a_malformed_signed_body()
    {
        const string body = "{oops";

        var response = await _gateway.PostAsync(body, StripeEventBuilder.Sign(body, GatewayHost.Secret));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await _gateway.RejectedAsync()).Single().Payload, Is.EqualTo(body));
    }
}
