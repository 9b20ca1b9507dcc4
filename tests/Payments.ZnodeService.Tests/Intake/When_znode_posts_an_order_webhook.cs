using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Payments.Contracts.ZnodeOrderToCash;
using Payments.Simulators.Znode.Store;
using Payments.Simulators.Znode.Webhooks;
using Payments.ZnodeService.Webhooks;

namespace Payments.ZnodeService.Tests.Intake;

/// <summary>
/// The Znode 10 intake: <c>POST /webhooks/znode</c> verifies the shared-secret signature and reads the configured envelope (the
/// simulator's invented one by default, another one by settings), and the order it names is read from Znode and published once,
/// also when the webhook is redelivered or the poller saw the order first.
/// </summary>
[TestFixture]
public class When_znode_posts_an_order_webhook
{
    const string Secret = "znode-webhook-secret";
    ZnodeServiceHost _host = null!;

    [SetUp]
    public async Task Start() => _host = await ZnodeServiceHost.StartAsync(s => s["Znode:Webhook:Secrets:0"] = Secret);

    [TearDown]
    public async Task Stop() => await _host.DisposeAsync();

    static string Envelope(ZnodeOrder order, string eventName = "Order Created", string? eventId = null) => new JsonObject
    {
        ["eventId"] = eventId ?? Guid.NewGuid().ToString(),
        ["eventModule"] = "Order",
        ["eventName"] = eventName,
        ["occurredAt"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
        ["data"] = new JsonObject { ["OmsOrderId"] = order.OmsOrderId, ["OrderNumber"] = order.OrderNumber },
    }.ToJsonString();

    async Task<int> PostAsync(string body, string? secret = Secret, long? timestamp = null, Action<HttpRequest>? adjust = null)
    {
        var stamp = timestamp ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var http = new DefaultHttpContext { RequestServices = _host.Host.Services };
        http.Request.Method = "POST";
        http.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        http.Request.Headers["X-Znode-Timestamp"] = stamp.ToString(CultureInfo.InvariantCulture);
        if (secret is not null) http.Request.Headers["X-Znode-Signature"] = ZnodeWebhookSender.Sign(secret, stamp, body);
        adjust?.Invoke(http.Request);
        await using var scope = _host.Host.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<ZnodeWebhookReceiver>().ReceiveAsync(http.Request, CancellationToken.None);
        return (result as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status200OK;
    }

    [Test]
    public async Task Should_publish_the_announced_order_once_even_when_the_webhook_comes_again()
    {
        var order = _host.Znode.PlaceOrder(new ZnodeOrderSpec());
        var body = Envelope(order);

        var first = await PostAsync(body);
        var again = await PostAsync(body);
        var placed = await _host.ReceivedAsync<ZnodeOrderPlaced>();
        var round = await _host.PollAsync();
        await Task.Delay(300);

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo(202));
            Assert.That(again, Is.EqualTo(202), "a redelivery is accepted, and takes nothing in twice");
            Assert.That(_host.Harness.Published.Select<ZnodeOrderAnnounced>().Count(), Is.EqualTo(2));
            Assert.That(placed.Select(p => (p.OrderNumber, p.Source)), Is.EqualTo(new[] { (order.OrderNumber, "webhook") }));
            Assert.That(placed.Single().Total, Is.EqualTo(order.Total), "the order is read from Znode's API, not from the webhook");
            Assert.That(round.Published, Is.Zero, "the poller finds the order taken in already");
            Assert.That(_host.Received<ZnodeOrderPlaced>(), Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task Should_refuse_a_wrong_or_missing_or_stale_signature()
    {
        var order = _host.Znode.PlaceOrder(new ZnodeOrderSpec());
        var body = Envelope(order);

        Assert.Multiple(async () =>
        {
            Assert.That(await PostAsync(body, secret: "another-secret"), Is.EqualTo(401));
            Assert.That(await PostAsync(body, secret: null), Is.EqualTo(401));
            Assert.That(await PostAsync(body, timestamp: DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeSeconds()), Is.EqualTo(401), "outside Znode:Webhook:Tolerance");
            Assert.That(await PostAsync(body, adjust: r => r.Body = new MemoryStream(Encoding.UTF8.GetBytes(body.Replace(order.OrderNumber, "XX-1")))), Is.EqualTo(401),
                "a body changed after signing");
        });
        await Task.Delay(500);
        Assert.That(_host.Harness.Published.Select<ZnodeOrderAnnounced>().Any(), Is.False);
    }

    [Test]
    public async Task Should_ignore_other_events_and_refuse_an_order_event_without_an_order_number()
    {
        var order = _host.Znode.PlaceOrder(new ZnodeOrderSpec());

        var other = await PostAsync(Envelope(order, eventName: "Account Updated"));
        var noNumber = await PostAsync("""{"eventId":"e1","eventName":"Order Created","data":{}}""");
        var notJson = await PostAsync("not json");

        Assert.Multiple(() =>
        {
            Assert.That(other, Is.EqualTo(200));
            Assert.That(noNumber, Is.EqualTo(422));
            Assert.That(notJson, Is.EqualTo(400));
        });
    }

    [Test]
    public async Task Should_read_another_envelope_from_its_settings()
    {
        await _host.DisposeAsync();
        _host = await ZnodeServiceHost.StartAsync(s =>
        {
            s["Znode:Webhook:Secrets:0"] = Secret;
            s["Znode:Webhook:EventNamePath"] = "type";
            s["Znode:Webhook:OrderEvents:0"] = "order.created";
            s["Znode:Webhook:OrderNumberPath"] = "payload.order.number";
            s["Znode:Webhook:OmsOrderIdPath"] = "";
            s["Znode:Webhook:SignaturePrefix"] = "sha256=";
            s["Znode:Webhook:TimestampHeader"] = "";
        });
        var order = _host.Znode.PlaceOrder(new ZnodeOrderSpec());
        var body = new JsonObject
        {
            ["type"] = "order.created",
            ["payload"] = new JsonObject { ["order"] = new JsonObject { ["number"] = order.OrderNumber } },
        }.ToJsonString();
        var signature = "sha256=" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(body)));

        var status = await PostAsync(body, secret: null, adjust: r => r.Headers["X-Znode-Signature"] = signature);
        var placed = await _host.ReceivedAsync<ZnodeOrderPlaced>();

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(202));
            Assert.That(placed.Single().OrderNumber, Is.EqualTo(order.OrderNumber), "read by number when the envelope has no id");
        });
    }
}
