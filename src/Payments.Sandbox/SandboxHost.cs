using System.Net;
using MassTransit;
using Microsoft.Extensions.Configuration.Memory;
using Payments.Gateway;
using Payments.Gateway.Data;
using Payments.P21Service;
using Payments.P21Service.Data;
using Payments.Sagas;
using Payments.Sagas.Data;
using Payments.ServiceDefaults;
using Payments.Simulators.P21;
using Payments.Simulators.Stripe;
using Payments.StripeService;
using Payments.StripeService.Data;

namespace Payments.Sandbox;

/// <summary>
/// Every Payments service in one process on the in-memory bus, with the P21 and Stripe simulators on loopback. The
/// services are wired by the same extension methods their own hosts use, each with its own SQLite file in the data
/// folder (migrated at start-up): the gateway's bus outbox, the saga's state and the services' inbox/outbox.
/// </summary>
public sealed class SandboxHost : IAsyncDisposable
{
    SandboxHost(SandboxOptions options, WebApplication app, P21Simulator p21, StripeApiFake stripe)
    {
        Options = options;
        App = app;
        P21 = p21;
        Stripe = stripe;
        WebhookUrl = app.Urls.First().TrimEnd('/') + "/webhooks/stripe";
    }

    public SandboxOptions Options { get; }
    public WebApplication App { get; }
    public P21Simulator P21 { get; }
    public StripeApiFake Stripe { get; }
    public string WebhookUrl { get; }
    public IServiceProvider Services => App.Services;

    public static async Task<SandboxHost> StartAsync(SandboxOptions options, Action<WebApplicationBuilder>? configure = null, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(options.DataDirectory);
        var p21 = await P21Simulator.StartAsync(cancellationToken: cancellationToken);
        var stripe = await StripeApiFake.StartAsync(cancellationToken: cancellationToken);

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [.. options.ConfigurationArgs],
            ApplicationName = typeof(SandboxHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        // Sandbox defaults go first so that appsettings, environment and command line still override them.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = Defaults(options, p21, stripe) });
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.GatewayPort));

        builder.AddServiceDefaults();
        builder.AddGateway();
        builder.AddSagasService();
        builder.AddP21Service();
        builder.AddStripeService();
        builder.Services.AddSingleton<PaymentOutcomes>();
        builder.AddPaymentsBus(bus =>
        {
            bus.AddGatewayOutbox();
            bus.AddSagas();
            bus.AddP21Consumers();
            bus.AddStripeConsumers();
            bus.AddConsumer<PaymentOutcomeObserver>();
        });
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapStripeWebhooks();
        await app.StartAsync(cancellationToken);
        return new SandboxHost(options, app, p21, stripe);
    }

    /// <summary>The services' databases, by the connection-string name each one reads.</summary>
    static readonly string[] DatabaseNames =
    [
        GatewayDatabase.ConnectionStringName, SagaDbContext.ConnectionStringName,
        P21ServiceDbContext.ConnectionStringName, StripeServiceDbContext.ConnectionStringName,
    ];

    static Dictionary<string, string?> Defaults(SandboxOptions options, P21Simulator p21, StripeApiFake stripe)
    {
        var defaults = new Dictionary<string, string?>
        {
            ["Bus:Transport"] = nameof(BusTransport.InMemory),
            ["Database:Provider"] = "Sqlite",
            ["Gateway:WebhookSecrets:0"] = options.WebhookSecret,
            ["P21:BaseUrl"] = p21.BaseUrl,
            ["P21:Username"] = p21.Options.Username,
            ["P21:Password"] = p21.Options.Password,
            ["P21:CompanyId"] = p21.Options.CompanyId,
            // The simulator's seed: location 10, salesrep 1100, branch 10 (a real P21 needs the customer's own values here).
            ["P21:SalesOrders:SalesLocationId"] = "10",
            ["P21:SalesOrders:SourceLocationId"] = "10",
            ["P21:SalesOrders:Taker"] = "STRIPE",
            ["P21:Customers:SalesrepId"] = "1100",
            ["P21:Customers:DefaultBranch"] = "10",
            // The report is the output; the services log only what needs attention.
            ["Logging:LogLevel:Default"] = "Warning",
            ["Stripe:ApiKey"] = "sk_test_sandbox",
            ["Stripe:ApiBase"] = stripe.ApiBase,
        };
        // One file per service, named after its connection string. (Not the *.db names of sandboxes from before the
        // migrations, whose tables were created without a migration history; those files are left as they are.)
        foreach (var name in DatabaseNames)
            defaults[$"ConnectionStrings:{name}"] = $"Data Source={Path.Combine(options.DataDirectory, name + ".sqlite")}";
        return defaults;
    }

    public Task WaitForShutdownAsync() => App.WaitForShutdownAsync();

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        await Stripe.DisposeAsync();
        await P21.DisposeAsync();
    }
}
