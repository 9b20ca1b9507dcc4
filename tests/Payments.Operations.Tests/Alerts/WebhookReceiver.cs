using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Payments.Operations.Tests.Alerts;

/// <summary>A real HTTP listener on loopback that keeps every alert webhook POSTed to it (body and secret header).</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    readonly WebApplication _app;
    readonly ConcurrentQueue<(JsonElement Body, string? Secret)> _received = new();

    WebhookReceiver(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    public IReadOnlyList<(JsonElement Body, string? Secret)> Received => [.. _received];

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/alerts", async (HttpRequest request) =>
        {
            var body = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body);
            receiver._received.Enqueue((body, request.Headers["X-Payments-Alert-Secret"].FirstOrDefault()));
            return Results.NoContent();
        });
        await app.StartAsync();
        receiver.Url = new Uri(new Uri(app.Urls.First()), "/alerts");
        return receiver;
    }

    public async Task<bool> WaitForAsync(Func<JsonElement, bool> match, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (Received.Any(r => match(r.Body))) return true;
            await Task.Delay(25);
        }
        return false;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
