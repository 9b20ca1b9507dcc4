using System.Collections.Concurrent;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using MassTransit;
using MassTransit.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Payments.Contracts.ChargeToOrder;
using Payments.Gateway.Data;
using Payments.Persistence.BusOutbox;
using Payments.Persistence.Outbox;

namespace Payments.Gateway.Tests;

/// <summary>
/// The gateway as Program.cs wires it (AddGateway + AddGatewayOutbox + MapStripeWebhooks) on Kestrel at 127.0.0.1, with
/// MassTransit's test harness as the bus, a subscriber that records what reaches it, and a throwaway SQLite file.
/// </summary>
sealed class GatewayHost : IAsyncDisposable
{
    public const string Secret = "whsec_current_test_secret";
    public const string PreviousSecret = "whsec_previous_test_secret";

    readonly WebApplication _app;
    readonly string _databasePath;

    GatewayHost(WebApplication app, string databasePath, Uri address)
    {
        _app = app;
        _databasePath = databasePath;
        Client = new HttpClient { BaseAddress = address };
        Harness = app.Services.GetTestHarness();
    }

    public HttpClient Client { get; }
    public IServiceProvider Services => _app.Services;
    public ITestHarness Harness { get; }

    /// <summary>On a PostgreSQL database that does not exist yet: the gateway's migration creates it.</summary>
    public static Task<GatewayHost> StartOnPostgresAsync(string server, IDictionary<string, string?>? settings = null, CapturedLogs? logs = null,
        Action<IServiceCollection>? services = null)
    {
        var database = new NpgsqlConnectionStringBuilder(server) { Database = $"payments_gateway_tests_{Guid.NewGuid():N}" }.ConnectionString;
        var configuration = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Gateway"] = database,
            // The audit trail's tables in the same database (on SQLite it keeps its own file, Audit.db).
            ["ConnectionStrings:Audit"] = database,
        };
        return StartAsync(configuration, logs, services);
    }

    /// <param name="settings">Configuration over the defaults (secrets, a fresh SQLite file).</param>
    /// <param name="logs">Receives everything the host logs; without it nothing is logged.</param>
    /// <param name="services">More registrations after AddGateway's, e.g. a mapper of a flow that exists only in a test.</param>
    public static async Task<GatewayHost> StartAsync(IDictionary<string, string?>? settings = null, CapturedLogs? logs = null,
        Action<IServiceCollection>? services = null)
    {
        var databasePath = SqliteFiles.NewPath("payments-gateway-tests");
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        if (logs is not null)
        {
            builder.Logging.SetMinimumLevel(logs.MinimumLevel);
            builder.Logging.AddProvider(logs);
        }
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var configuration = new Dictionary<string, string?>
        {
            ["Gateway:WebhookSecrets:0"] = Secret,
            ["Gateway:WebhookSecrets:1"] = PreviousSecret,
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:Gateway"] = $"Data Source={databasePath}",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) configuration[key] = value;
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.AddGateway();
        builder.Services.AddSingleton<CommittedOutboxMessages>();
        builder.Services.ConfigureDbContext<GatewayDbContext>((provider, options) => options.AddInterceptors(provider.GetRequiredService<CommittedOutboxMessages>()));
        services?.Invoke(builder.Services);
        builder.Services.AddMassTransitTestHarness(bus =>
        {
            bus.AddGatewayOutbox();
            bus.AddConsumer<Subscriber>();
        });

        var app = builder.Build();
        app.MapStripeWebhooks();
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            SqliteFiles.Delete(databasePath);
            throw;
        }
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new GatewayHost(app, databasePath, new Uri(address));
    }

    public Task<HttpResponseMessage> PostAsync(string body, string? signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/stripe") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (signature is not null) request.Headers.TryAddWithoutValidation("Stripe-Signature", signature);
        return Client.SendAsync(request);
    }

    /// <summary>
    /// The messages of type <typeparamref name="T"/> that reached a subscriber through the outbox so far: delivers what the
    /// gateway committed (the relay would too, a moment later), then waits until the bus is idle.
    /// </summary>
    public async Task<List<T>> PublishedAsync<T>() where T : class
    {
        await Services.GetRequiredService<BusOutboxRelay<GatewayDbContext>>().DeliverPending(CancellationToken.None);
        await Harness.InactivityTask;
        return Harness.Consumed.Select<T>().Select(c => c.Context.Message).ToList();
    }

    /// <summary>
    /// Every message the gateway committed to its outbox (delivered or not): what will ever leave it. Kept as each save
    /// commits, because the relay removes a delivered message from the table.
    /// </summary>
    public Task<List<OutboxMessage>> OutboxMessagesAsync() => Task.FromResult(Services.GetRequiredService<CommittedOutboxMessages>().Messages);

    /// <summary>Stops the host gracefully (its hosted services finish); its services and databases can still be read until disposal.</summary>
    public Task StopAsync() => _app.StopAsync();

    public async Task<List<WebhookEvent>> RecordedEventsAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<GatewayDbContext>().WebhookEvents.AsNoTracking().ToListAsync();
    }

    public async Task<List<RejectedWebhook>> RejectedAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<GatewayDbContext>().RejectedWebhooks.AsNoTracking().ToListAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GatewayDbContext>();
            if (db.Database.IsNpgsql()) await db.Database.EnsureDeletedAsync();
        }
        await _app.StopAsync();
        await _app.DisposeAsync();
        SqliteFiles.Delete(_databasePath);
    }
}

/// <summary>The outbox messages each successful save of a gateway context added: what the gateway committed to its outbox.</summary>
sealed class CommittedOutboxMessages : SaveChangesInterceptor
{
    readonly ConcurrentQueue<OutboxMessage> _committed = new();
    readonly ConditionalWeakTable<DbContext, List<OutboxMessage>> _saving = new();

    public List<OutboxMessage> Messages => [.. _committed];

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
            _saving.AddOrUpdate(context, context.ChangeTracker.Entries<OutboxMessage>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList());
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && _saving.TryGetValue(context, out var added))
        {
            foreach (var message in added)
                _committed.Enqueue(message);
            _saving.Remove(context);
        }
        return base.SavedChangesAsync(eventData, result, cancellationToken);
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
            _saving.Remove(context);
        return base.SaveChangesFailedAsync(eventData, cancellationToken);
    }
}

/// <summary>Stands for the sagas: subscribes to what the gateway publishes.</summary>
sealed class Subscriber : IConsumer<StripeChargeSucceeded>, IConsumer<Payments.Contracts.ZnodeOrderToCash.ZnodeOrderPaymentSucceeded>,
    IConsumer<Payments.Contracts.ZnodeOrderToCash.ZnodeOrderPaymentFailed>, IConsumer<Payments.Contracts.StripeRefund.StripeRefundReported>,
    IConsumer<Payments.Contracts.StripeRefund.StripeChargeRefunded>, IConsumer<Payments.Contracts.PaymentRisk.ChargeRiskObserved>,
    IConsumer<Payments.Contracts.PayoutReconciliation.StripePayoutReported>, IConsumer<Payments.Contracts.CustomerSync.StripeCustomerReported>,
    IConsumer<Payments.Contracts.StripeSubscription.StripeSubscriptionReported>, IConsumer<Payments.Contracts.StripeSubscription.StripeInvoiceReported>
{
    public Task Consume(ConsumeContext<StripeChargeSucceeded> context) => Task.CompletedTask;
    public Task Consume(ConsumeContext<Payments.Contracts.ZnodeOrderToCash.ZnodeOrderPaymentSucceeded> context) => Task.CompletedTask;
    public Task Consume(ConsumeContext<Payments.Contracts.ZnodeOrderToCash.ZnodeOrderPaymentFailed> context) => Task.CompletedTask;
    public Task Consume(ConsumeContext<Payments.Contracts.StripeRefund.StripeRefundReported> context) => Task.CompletedTask;
    public Task Consume(ConsumeContext<Payments.Contracts.StripeRefund.StripeChargeRefunded> context) => Task.CompletedTask;
    public Task Consume(ConsumeContext<Payments.Contracts.PaymentRisk.ChargeRiskObserved> context) => Task.CompletedTask;
    public Task Consume(ConsumeContext<Payments.Contracts.PayoutReconciliation.StripePayoutReported> context) => Task.CompletedTask;
    public Task Consume(ConsumeContext<Payments.Contracts.CustomerSync.StripeCustomerReported> context) => Task.CompletedTask;
    public Task Consume(ConsumeContext<Payments.Contracts.StripeSubscription.StripeSubscriptionReported> context) => Task.CompletedTask;
    public Task Consume(ConsumeContext<Payments.Contracts.StripeSubscription.StripeInvoiceReported> context) => Task.CompletedTask;
}
