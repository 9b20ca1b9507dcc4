using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Payments.Gateway.Webhooks;
using Payments.Simulators.Stripe;

namespace Payments.Gateway.Tests.Webhooks;

[TestFixture]
public class When_more_webhooks_arrive_than_the_gateway_ingests_at_once
{
    [Test]
    public async Task Should_answer_503_with_Retry_After_past_the_queue_and_ingest_the_rest()
    {
        await using var gateway = await GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            ["Gateway:MaxConcurrentIngests"] = "1",
            ["Gateway:IngestQueueLimit"] = "0",
            ["Gateway:BusyRetryAfterSeconds"] = "7",
        });
        // The first webhook holds the one turn: its body does not arrive until the test lets it.
        var held = StripeEventBuilder.ChargeSucceeded();
        var body = new HeldContent(held.Json);
        using var holding = new HttpRequestMessage(HttpMethod.Post, "/webhooks/stripe") { Content = body };
        holding.Headers.TryAddWithoutValidation("Stripe-Signature", held.Sign(GatewayHost.Secret));
        var first = gateway.Client.SendAsync(holding);
        await body.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        // Only the held webhook is in flight: once the gateway has begun it, it holds the one turn.
        var limiter = gateway.Services.GetRequiredService<WebhookIngestLimiter>();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (limiter.Now.Free > 0 && DateTime.UtcNow < deadline)
            await Task.Delay(10);
        Assert.That(limiter.Now.Free, Is.Zero, "the held webhook never took its turn");

        // No turn and no queue: 503.
        var refused = StripeEventBuilder.ChargeSucceeded();
        var busy = await gateway.PostAsync(refused.Json, refused.Sign(GatewayHost.Secret));

        Assert.That(busy.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), "a webhook past the limit and the queue was not refused");
        Assert.That(busy.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(7)));
        Assert.That((await busy.Content.ReadFromJsonAsync<JsonObject>())?["reason"]?.GetValue<string>(), Is.EqualTo("busy"));

        body.Release();
        Assert.That((await first).StatusCode, Is.EqualTo(HttpStatusCode.OK), "the webhook that held the turn was not ingested");
        var next = StripeEventBuilder.ChargeSucceeded();
        var again = await gateway.PostAsync(next.Json, next.Sign(GatewayHost.Secret));
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the turn was not given back");
        var recorded = (await gateway.RecordedEventsAsync()).Select(e => e.EventId).ToList();
        Assert.That(recorded, Does.Contain(held.Id).And.Contain(next.Id));
        Assert.That(recorded, Does.Not.Contain(refused.Id), "a refused webhook was recorded (Stripe's retry would be a duplicate then)");
    }

    /// <summary>A body whose bytes are sent only after <see cref="Release"/>: the request has begun, its ingest waits for it.</summary>
    sealed class HeldContent(string json) : HttpContent
    {
        readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => _release.TrySetResult();

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            // The first byte, flushed, so the headers leave the client's buffer and the gateway begins the request.
            var bytes = Encoding.UTF8.GetBytes(json);
            await stream.WriteAsync(bytes.AsMemory(0, 1));
            await stream.FlushAsync();
            Started.TrySetResult();
            await _release.Task;
            await stream.WriteAsync(bytes.AsMemory(1));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
