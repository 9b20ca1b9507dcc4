using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Payments.Persistence.Audit;
using Payments.Persistence.Configuration;
using Payments.Persistence.Migrations;
using Payments.Testing;

namespace Payments.Cli.Tests.Audit;

[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public class When_an_operator_reads_a_payments_story(DatabaseProvider provider)
{
    const string ChargeId = "ch_3CliAuditStory01";
    const string EventId = "evt_1CliAuditStory01";

    TestDatabase _database = null!;
    Dictionary<string, string?> _settings = null!;

    [SetUp]
    public async Task Seed()
    {
        _database = await TestDatabase.Create(provider, "payments_cli_audit_tests");
        _settings = new Dictionary<string, string?> { ["Database:Provider"] = provider.ToString(), ["ConnectionStrings:Audit"] = _database.ConnectionString };
        var services = new ServiceCollection();
        services.AddPaymentsDbContext<AuditDbContext>(provider, _database.ConnectionString);
        services.AddSingleton<IAuditTrail, EfAuditTrail>();
        await using var provided = services.BuildServiceProvider();
        await using (var scope = provided.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<AuditDbContext>().MigratePaymentsDatabaseAsync();
        var trail = provided.GetRequiredService<IAuditTrail>();
        var conversation = Guid.NewGuid();
        var at = DateTimeOffset.UtcNow.AddMinutes(-5);
        // The intake first (a write takes its flow and cause from it when recorded), then the write.
        await trail.RecordAsync(new AuditEntry
        {
            At = at, Service = "gateway", System = AuditSystems.Intake, Action = "webhook charge.succeeded", Flow = "charge-to-order", Step = "StripeChargeSucceeded",
            Subject = "stripe-payment:pi_3CliAuditStory01", CausedBy = EventId, ConversationId = conversation, Outcome = AuditOutcomes.Succeeded,
            References = $"{EventId} {ChargeId} pi_3CliAuditStory01",
        }, CancellationToken.None);
        await trail.RecordAsync(new AuditEntry
        {
            At = at.AddSeconds(2), Service = "p21-service", System = AuditSystems.P21, Action = "POST /api/v2/transaction", Step = "PostP21Order",
            ConversationId = conversation, Outcome = AuditOutcomes.Succeeded, StatusCode = 200, Result = "1001", DurationMs = 42, References = $"{ChargeId} 1001",
        }, CancellationToken.None);
    }

    [TearDown]
    public async Task Drop() => await _database.DisposeAsync();

    [Test]
    public async Task Should_print_the_intake_then_the_writes_in_a_table()
    {
        var (exitCode, output, error) = await CliRun.Run(_settings, "audit", ChargeId);

        Assert.That(exitCode, Is.EqualTo(ExitCodes.Done), error);
        var intake = output.IndexOf("webhook charge.succeeded", StringComparison.Ordinal);
        var write = output.IndexOf("POST /api/v2/transaction", StringComparison.Ordinal);
        Assert.That(intake, Is.GreaterThanOrEqualTo(0), output);
        Assert.That(write, Is.GreaterThan(intake), "the story is not oldest first");
        Assert.That(output, Does.Contain("charge-to-order / PostP21Order"), "the write does not show the flow it took from its conversation");
        Assert.That(output, Does.Contain(EventId));
        Assert.That(output, Does.Contain("succeeded (200, 42 ms)"));
    }

    [Test]
    public async Task Should_print_json_for_scripts()
    {
        var (exitCode, output, error) = await CliRun.Run(_settings, "audit", "1001", "--format", "json");

        Assert.That(exitCode, Is.EqualTo(ExitCodes.Done), error);
        var entries = JsonDocument.Parse(output).RootElement.EnumerateArray().ToList();
        Assert.That(entries.Select(e => e.GetProperty("system").GetString()), Is.EqualTo(new[] { AuditSystems.Intake, AuditSystems.P21 }));
        Assert.That(entries[1].GetProperty("causedBy").GetString(), Is.EqualTo(EventId));
    }

    [Test]
    public async Task Should_say_so_when_the_trail_has_nothing_about_the_id()
    {
        var (exitCode, output, error) = await CliRun.Run(_settings, "audit", "ch_3NothingKnown001");

        Assert.That(exitCode, Is.EqualTo(ExitCodes.Failed));
        Assert.That(output, Is.Empty);
        Assert.That(error, Does.Contain("nothing about ch_3NothingKnown001"));
    }
}
