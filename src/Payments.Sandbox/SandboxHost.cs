using System.Net;
using MassTransit;
using Microsoft.Extensions.Configuration.Memory;
using Payments.Operations;
using Payments.Operations.FlowRuns;
using Payments.Sandbox.Hosting;
using Payments.Sandbox.Scenarios;
using Payments.Sandbox.Services;
using Payments.ServiceDefaults;
using Payments.Simulators.P21;
using Payments.Simulators.P21.Store;
using Payments.Simulators.Smtp;
using Payments.Simulators.Stripe;
using Payments.Simulators.Stripe.Account;
using Payments.Simulators.Znode;

namespace Payments.Sandbox;

/// <summary>
/// Every Payments service of <see cref="PaymentsServices"/> in one process on the in-memory bus, with the P21, Stripe and
/// Znode simulators and an SMTP catcher (the shoppers' mailbox) on loopback. The services are wired by the same extension
/// methods their own hosts use, each with its own SQLite file in the data folder (migrated at start-up). The Stripe fake
/// sends its signed webhooks to the gateway, as Stripe would; the Znode simulator announces its orders to the Znode
/// service's webhook (Znode 10), which its poller (Znode 9.x) reads too.
/// </summary>
public sealed class SandboxHost : IAsyncDisposable
{
    readonly FileLoggerProvider _log;

    SandboxHost(SandboxOptions options, WebApplication app, P21Simulator p21, StripeApiFake stripe, ZnodeSimulator znode, SmtpCatcher mail,
        FileLoggerProvider log)
    {
        Znode = znode;
        Mail = mail;
        _log = log;
        LogFile = log.Path;
        Options = options;
        App = app;
        P21 = p21;
        Stripe = stripe;
        GatewayUrl = app.Urls.First().TrimEnd('/');
        ConsoleUrl = GatewayUrl + "/";
        MailUrl = GatewayUrl + MailEndpoints.Path;
        WebhookUrl = GatewayUrl + "/webhooks/stripe";
        ZnodeWebhookUrl = GatewayUrl + "/webhooks/znode";
    }

    public SandboxOptions Options { get; }
    public WebApplication App { get; }
    public P21Simulator P21 { get; }
    public StripeApiFake Stripe { get; }
    public ZnodeSimulator Znode { get; }
    /// <summary>The mail the Znode service sent to shoppers.</summary>
    public SmtpCatcher Mail { get; }
    public string GatewayUrl { get; }
    /// <summary>The operations console (Razor Pages on the sandbox's one web host), signed in as the local admin of the options.</summary>
    public string ConsoleUrl { get; }
    /// <summary>The SMTP catcher's mail as plain text, newest first.</summary>
    public string MailUrl { get; }
    /// <summary>The services' log (Warning and above, unless Logging:LogLevel says otherwise).</summary>
    public string LogFile { get; }
    public string WebhookUrl { get; }
    /// <summary>The Znode service's webhook endpoint (Znode 10), signed with <see cref="SandboxOptions.WebhookSecret"/>.</summary>
    public string ZnodeWebhookUrl { get; }
    public IServiceProvider Services => App.Services;

    public static async Task<SandboxHost> StartAsync(SandboxOptions options, Action<WebApplicationBuilder>? configure = null, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(options.DataDirectory);
        var p21 = await P21Simulator.StartAsync(new P21SimulatorOptions { Port = options.P21Port }, cancellationToken: cancellationToken);
        var stripe = await StripeApiFake.StartAsync(new StripeApiFakeOptions { Port = options.StripePort, SeedBillingCatalog = true }, cancellationToken: cancellationToken);
        var znode = await ZnodeSimulator.StartAsync(new ZnodeSimulatorOptions { Port = options.ZnodePort, FirstUserId = FirstZnodeUserId() }, cancellationToken: cancellationToken);
        var mail = await SmtpCatcher.StartAsync(options.SmtpPort, cancellationToken: cancellationToken);

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [.. options.ConfigurationArgs],
            ApplicationName = typeof(SandboxHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        // Sandbox defaults go first so that appsettings, environment and command line still override them.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = Defaults(options, p21, stripe, znode, mail) });
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.GatewayPort));
        // One log file in the data folder; the console too only while serving, where the log is what a user watches.
        var log = new FileLoggerProvider(Path.Combine(options.DataDirectory, "sandbox.log"));
        if (!options.Serve)
            builder.Logging.ClearProviders();
        builder.Logging.AddProvider(log);

        builder.AddServiceDefaults();
        foreach (var service in PaymentsServices.All)
            service.AddService(builder);
        // The operations service is not a row of PaymentsServices (the flow tests start each row as a process; the console wants a sign-in).
        builder.AddOperations();
        builder.Services.AddSingleton(mail);
        builder.Services.AddSingleton<FlowOutcomes>();
        builder.Services.AddSingleton<Scenarios.StripeSubscription.SubscriptionAlerts>();
        builder.AddPaymentsBus(bus =>
        {
            foreach (var service in PaymentsServices.All)
                service.AddToBus(bus);
            bus.AddOperationsConsumers();
            bus.AddConsumer<FlowOutcomeObserver>();
            bus.AddConsumer<Scenarios.StripeSubscription.SubscriptionAlertObserver>();
        });
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapDefaultEndpoints();
        foreach (var service in PaymentsServices.All)
            service.MapEndpoints?.Invoke(app);
        app.MapOperations();
        app.MapCaughtMail();
        await app.StartAsync(cancellationToken);

        var sandbox = new SandboxHost(options, app, p21, stripe, znode, mail, log);
        stripe.Webhooks.Configure(sandbox.WebhookUrl, options.WebhookSecret);
        znode.Webhooks.Configure(new Simulators.Znode.ZnodeWebhookOptions { Url = sandbox.ZnodeWebhookUrl, Secret = options.WebhookSecret });
        return sandbox;
    }

    static Dictionary<string, string?> Defaults(SandboxOptions options, P21Simulator p21, StripeApiFake stripe, ZnodeSimulator znode, SmtpCatcher mail)
    {
        var defaults = new Dictionary<string, string?>
        {
            ["Bus:Transport"] = nameof(BusTransport.InMemory),
            ["Database:Provider"] = "Sqlite",
            ["Gateway:WebhookSecrets:0"] = options.WebhookSecret,
            // The charge of a Billing invoice belongs to stripe-subscription (its invoice.paid books it), never to charge-to-order.
            ["Gateway:Routing:Rules:0:Name"] = "billing",
            ["Gateway:Routing:Rules:0:Flow"] = "stripe-subscription",
            ["Gateway:Routing:Rules:0:Field"] = "invoice",
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
            // The simulator's chart of accounts: a paid Znode order debits Stripe clearing and credits customer deposits.
            ["P21:Journals:DebitAccount"] = P21Seed.StripeClearingAccount,
            ["P21:Journals:CreditAccount"] = P21Seed.CustomerDepositsAccount,
            ["P21:Journals:JournalId"] = "CR",
            // A dispute's withdrawn amount and fee go to the simulator's disputed-funds and dispute-fee accounts.
            ["P21:Disputes:DisputedFundsAccount"] = P21Seed.DisputedFundsAccount,
            ["P21:Disputes:FeeAccount"] = P21Seed.DisputeFeesAccount,
            // stripe-subscription: the Stripe fake's billing catalogue (seeded above) booked on the P21 simulator's subscription items.
            // prod_SimExtraSeat has no P21 item in the simulator and is not mapped: an invoice with extra seats is quarantined naming it.
            [$"P21:Subscriptions:Items:{StripeAccount.BillingCatalog.SupportPlanProduct}"] = P21Seed.SubscriptionStandardItemId,
            [$"P21:Subscriptions:Items:{StripeAccount.BillingCatalog.SupportPlusProduct}"] = P21Seed.SubscriptionProItemId,
            ["P21:Subscriptions:TaxItemId"] = P21Seed.SubscriptionTaxItemId,
            // A failed renewal leaves a note on the P21 customer (the default, Alert, changes nothing in P21), so the sandbox shows the
            // P21 side of the action; CreditHold is the other choice (docs/stripe-subscription.md).
            ["StripeSubscription:PaymentFailedAction"] = "Note",
            // The report is the output; the services log only what needs attention.
            ["Logging:LogLevel:Default"] = "Warning",
            // A refund or dispute that beats its sale's P21 document is read again within seconds, not the production quarter hour.
            ["StripeRefund:RecheckAfter"] = "00:00:02",
            ["StripeRefund:MaxRechecks"] = "30",
            ["StripeDispute:RecheckAfter"] = "00:00:02",
            ["StripeDispute:MaxRechecks"] = "30",
            // The missed-event sweep's timer: its first round runs at start-up (before any scenario), the next an hour later, so that
            // it never feeds what a scenario holds back on purpose (customer-updates-out-of-order); missed-events-swept runs a round itself.
            ["Gateway:Sweep:Interval"] = "01:00:00",
            ["Stripe:ApiKey"] = "sk_test_sandbox",
            ["Stripe:ApiBase"] = stripe.ApiBase,
            ["Znode:BaseUrl"] = znode.BaseUrl,
            ["Znode:DomainName"] = znode.Options.DomainName,
            ["Znode:ApiKey"] = znode.Options.ApiKey,
            ["Znode:Webhook:Secrets:0"] = options.WebhookSecret,
            ["Znode:Intake:PollInterval"] = "00:00:02",
            ["Znode:Intake:Overlap"] = "00:00:05",
            // Returns approved in the simulator are seen within seconds (production default: 30 s).
            ["Znode:Returns:PollInterval"] = "00:00:02",
            ["Znode:Returns:Overlap"] = "00:00:05",
            // customer-sync: a Znode account changed in the simulator reaches Stripe and P21 within seconds.
            ["Znode:Accounts:PollInterval"] = "00:00:02",
            ["Znode:Accounts:Overlap"] = "00:00:05",
            ["Znode:Mail:Host"] = mail.Host,
            ["Znode:Mail:Port"] = mail.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Znode:Mail:Security"] = "None",
            ["Znode:Mail:From"] = "orders@maple-supply.example",
            ["Znode:Mail:StoreName"] = "Maple Supply",
            ["Znode:Payments:PaymentLinkTemplate"] = "https://shop.maple-supply.example/pay/{orderNumber}?payment_intent={paymentIntentId}&client_secret={clientSecret}",
        };
        // A payout's journal: sales, refunds, disputes and each fee kind to the simulator's accounts, the net to its bank clearing account.
        foreach (var (key, value) in P21Seed.PayoutAccountSettings()) defaults[key] = value;
        // The console: the local admin, whose password --serve prints; its flow runs in a SQLite file like the services' databases.
        defaults["Operations:Auth:Mode"] = "LocalAdmin";
        defaults["Operations:Auth:LocalAdmin:Username"] = SandboxOptions.ConsoleUser;
        defaults["Operations:Auth:LocalAdmin:Password"] = options.ConsolePassword;
        defaults[$"ConnectionStrings:{ConsoleDbContext.ConnectionStringName}"] =
            $"Data Source={Path.Combine(options.DataDirectory, ConsoleDbContext.ConnectionStringName + ".sqlite")}";
        // One SQLite file per service, named after its connection string.
        foreach (var service in PaymentsServices.All)
            defaults[$"ConnectionStrings:{service.ConnectionStringName}"] = $"Data Source={Path.Combine(options.DataDirectory, service.ConnectionStringName + ".sqlite")}";
        // The audit trail every service writes to (and `payments audit` reads): a file of its own, as one SQLite file has one writer at a time.
        defaults["ConnectionStrings:Audit"] = $"Data Source={Path.Combine(options.DataDirectory, "Audit.sqlite")}";
        return defaults;
    }

    /// <summary>
    /// The data folder's databases outlive the simulators: a Znode service's copy of a link made in an earlier run still names that run's
    /// Znode user. Numbering this run's users on from the clock (a second a step, well above the users a run registers) keeps such a link
    /// from naming a user of this run, as a real Znode never reuses a user id.
    /// </summary>
    static int FirstZnodeUserId() =>
        101 + (int)Math.Max(0, (DateTimeOffset.UtcNow - new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)).TotalSeconds);

    public Task WaitForShutdownAsync() => App.WaitForShutdownAsync();

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        await Stripe.DisposeAsync();
        await P21.DisposeAsync();
        await Znode.DisposeAsync();
        await Mail.DisposeAsync();
        _log.Dispose();
    }
}
