using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Payments.Contracts.ChargeToOrder;
using Payments.Contracts.Shared;
using Payments.Gateway.Data;
using Payments.Persistence.Configuration;
using Payments.Persistence.Outbox;
using Payments.Sandbox;
using Payments.Sandbox.Scenarios;
using Payments.Sandbox.Scenarios.ChargeToOrder;
using Payments.Simulators.Stripe;

namespace Payments.EndToEnd.Tests.Durability;

/// <summary>Stripe's retries racing each other through the sandbox's HTTP gateway, all the way to P21.</summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public class When_Stripe_sends_one_event_20_times_at_once(DatabaseProvider provider)
{
    SandboxDatabases? _databases;
    SandboxHost? _sandbox;

    [SetUp]
    public async Task Start()
    {
        _databases = await SandboxDatabases.Create(provider);
        _sandbox = await SandboxHost.StartAsync(_databases.SandboxOptions());
    }

    [TearDown]
    public async Task Stop()
    {
        if (_sandbox is not null) await _sandbox.DisposeAsync();
        if (_databases is not null) await _databases.DisposeAsync();
    }

    [Test]
    public async Task Should_post_exactly_one_P21_order()
    {
        var sandbox = _sandbox!;
        var charge = ChargeFlow.DemonstrationCharge();
        sandbox.Stripe.CreateCharge(charge);
        var webhook = StripeEventBuilder.ChargeSucceeded(charge);
        var correlationId = CorrelationKey.StripePayment(charge.PaymentIntentId, charge.Id).ToGuid();
        using var http = new HttpClient();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20)
            .Select(_ => Webhooks.PostAsync(http, sandbox.WebhookUrl, webhook, sandbox.Options.WebhookSecret)));

        Assert.That(responses.Select(r => r.Status), Is.All.EqualTo(200), string.Join("\n", responses.Select(r => r.Body)));
        var outcomes = responses.Select(r => JsonNode.Parse(r.Body)!["outcome"]!.GetValue<string>()).ToList();
        Assert.That(outcomes.Count(o => o == "published"), Is.EqualTo(1), string.Join(", ", outcomes));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var outcome = await sandbox.Services.GetRequiredService<FlowOutcomes>().WaitFor(correlationId, timeout.Token);
        Assert.Multiple(async () =>
        {
            Assert.That(outcome.Completed, Is.True, outcome.Reason);
            Assert.That(sandbox.P21.Store.FindOrdersByReference(charge.Id), Has.Count.EqualTo(1));
            // One "published" outcome above is the one event committed; the relay removes it once delivered.
            Assert.That(await GatewayOutboxMessages(sandbox), Is.Zero, "the gateway's one domain event was delivered and removed");
        });
    }

    static async Task<int> GatewayOutboxMessages(SandboxHost sandbox)
    {
        await using var scope = sandbox.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<GatewayDbContext>().Set<OutboxMessage>().CountAsync();
    }
}
