using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Payments.Simulators.Tests.Stripe;

/// <summary>A webhook endpoint on loopback that keeps what it receives and answers the statuses it is told to (200 once they run out).</summary>
sealed class WebhookReceiver : IAsyncDisposable
{
    readonly WebApplication _app;
    readonly ConcurrentQueue<int> _answers = new();

    WebhookReceiver(WebApplication app) => _app = app;

    public string Url { get; private set; } = "";
    public ConcurrentQueue<(string Body, string Signature, string ContentType)> Received { get; } = new();

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/webhooks/stripe", async (HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            receiver.Received.Enqueue((await reader.ReadToEndAsync(), http.Request.Headers["Stripe-Signature"].ToString(), http.Request.ContentType ?? ""));
            http.Response.StatusCode = receiver._answers.TryDequeue(out var status) ? status : 200;
        });
        await app.StartAsync();
        receiver.Url = app.Urls.First().TrimEnd('/') + "/webhooks/stripe";
        return receiver;
    }

    /// <summary>The next calls get these statuses.</summary>
    public void AnswerNext(params int[] statuses)
    {
        foreach (var status in statuses) _answers.Enqueue(status);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
