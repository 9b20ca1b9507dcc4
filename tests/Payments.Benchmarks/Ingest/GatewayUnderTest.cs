using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Payments.Gateway;
using Payments.ServiceDefaults;

namespace Payments.Benchmarks.Ingest;

/// <summary>The gateway wired as its own Program.cs wires it (service defaults, AddGateway, a bus with the gateway outbox and no consumers), on Kestrel loopback.</summary>
public sealed class GatewayUnderTest : IAsyncDisposable
{
    readonly WebApplication _app;

    GatewayUnderTest(WebApplication app)
    {
        _app = app;
        WebhookUrl = new Uri(app.Urls.First().TrimEnd('/') + "/webhooks/stripe");
    }

    public Uri WebhookUrl { get; }

    public static async Task<GatewayUnderTest> StartAsync(IReadOnlyDictionary<string, string?> database, string webhookSecret)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(Extensions).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });
        // Last source wins over environment variables, so a stray Bus__Transport cannot change what is measured.
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(database)
        {
            ["Bus:Transport"] = nameof(BusTransport.InMemory),
            ["Gateway:WebhookSecrets:0"] = webhookSecret,
            // One information line per webhook would measure the console, not the ingest path.
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));

        builder.AddServiceDefaults();
        builder.AddGateway();
        builder.AddPaymentsBus(bus => bus.AddGatewayOutbox());
        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapStripeWebhooks();
        await app.StartAsync();
        return new GatewayUnderTest(app);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
