using System.Net;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Payments.Contracts.ChargeToOrder;
using Payments.Contracts.Shared;
using Payments.Gateway;
using Payments.Gateway.Data;
using Payments.Persistence.Configuration;
using Payments.Persistence.Outbox;
using Payments.Sandbox;
using Payments.Sandbox.Scenarios;
using Payments.Sandbox.Scenarios.ChargeToOrder;
using Payments.Simulators.Stripe;

namespace Payments.EndToEnd.Tests.Durability;

/// <summary>
/// The gateway answered Stripe 200 (the event is committed in its outbox) but the process went away before the event
/// reached the bus: here a gateway whose broker is unreachable, stopped without having delivered anything. The next
/// process on the same database, the sandbox, delivers it and the payment runs to the end.
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public class When_the_gateway_stops_between_its_commit_and_the_publish(DatabaseProvider provider)
{
    const string Secret = "whsec_durability_test";
    SandboxDatabases? _databases;

    [SetUp]
    public async Task Create() => _databases = await SandboxDatabases.Create(provider);

    [TearDown]
    public async Task Drop()
    {
        if (_databases is not null) await _databases.DisposeAsync();
    }

    [Test]
    public async Task Should_deliver_the_event_after_the_restart()
    {
        var databases = _databases!;
        // The fixture's charge exists in every Stripe API fake, so the restarted sandbox's fake knows it.
        var charge = ChargeFlow.DemonstrationCharge() with { Id = StripeApiFake.FixtureChargeId };
        var webhook = StripeEventBuilder.ChargeSucceeded(charge);
        var correlationId = CorrelationKey.StripePayment(charge.PaymentIntentId, charge.Id).ToGuid();

        await using (var gateway = await StartGatewayWithoutBrokerAsync(databases))
        {
            using var http = new HttpClient();
            var (status, body) = await Webhooks.PostAsync(http, gateway.Urls.First() + "/webhooks/stripe", webhook, Secret);
            Assert.That(status, Is.EqualTo(200), body);
            Assert.That(body, Does.Contain("\"published\""));
            await gateway.StopAsync();
        }

        var committed = await GatewayOutboxAsync(databases);
        Assert.That(committed, Is.EqualTo((1, 1, 1)), "the event was committed and not delivered before the gateway stopped");

        var options = databases.SandboxOptions() with { WebhookSecret = Secret };
        await using var sandbox = await SandboxHost.StartAsync(options);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var outcome = await sandbox.Services.GetRequiredService<FlowOutcomes>().WaitFor(correlationId, timeout.Token);

        Assert.Multiple(async () =>
        {
            Assert.That(outcome.Completed, Is.True, outcome.Reason);
            Assert.That(sandbox.P21.Store.FindOrdersByReference(charge.Id), Has.Count.EqualTo(1));
            Assert.That(sandbox.Stripe.GetChargeMetadata(charge.Id)[StripeMetadataKeys.P21OrderNo], Is.EqualTo(outcome.OrderNo));
            Assert.That(await GatewayOutboxAsync(databases), Is.EqualTo((0, 0, 0)), "the restarted relay delivered the outbox and removed it");
        });
    }

    /// <summary>
    /// The gateway as Program.cs wires it (AddGateway, AddGatewayOutbox, MapStripeWebhooks) on the in-memory transport,
    /// except that every send fails as with the broker unreachable: its relay cannot deliver what the webhook committed.
    /// </summary>
    static async Task<WebApplication> StartGatewayWithoutBrokerAsync(SandboxDatabases databases)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var settings = databases.Settings();
        settings["Gateway:WebhookSecrets:0"] = Secret;
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddGateway();
        builder.Services.AddMassTransit(bus =>
        {
            bus.AddGatewayOutbox();
            bus.UsingInMemory((context, cfg) =>
            {
                cfg.ConfigureSend(send => send.UseFilter(new UnreachableBroker()));
                cfg.ConfigureEndpoints(context);
            });
        });
        var app = builder.Build();
        app.MapStripeWebhooks();
        await app.StartAsync();
        return app;
    }

    /// <summary>The gateway's outboxes, how many of them are not delivered, and its charge events, read straight from its database.</summary>
    async Task<(int Outboxes, int Pending, int ChargeEvents)> GatewayOutboxAsync(SandboxDatabases databases)
    {
        var options = new DbContextOptionsBuilder<GatewayDbContext>();
        options.UsePaymentsProvider(provider, databases.ConnectionStrings[GatewayDatabase.ConnectionStringName]);
        await using var db = new GatewayDbContext(options.Options);
        var outboxes = await db.Set<OutboxState>().AsNoTracking().ToListAsync();
        var events = await db.Set<OutboxMessage>().CountAsync(m => m.MessageType.Contains(nameof(StripeChargeSucceeded)));
        return (outboxes.Count, outboxes.Count(o => o.Delivered == null), events);
    }

    sealed class UnreachableBroker : IFilter<SendContext>
    {
        public Task Send(SendContext context, IPipe<SendContext> next) =>
            throw new ConnectionException("Simulated: the broker cannot be reached");

        public void Probe(ProbeContext context) => context.CreateFilterScope("unreachableBroker");
    }
}
