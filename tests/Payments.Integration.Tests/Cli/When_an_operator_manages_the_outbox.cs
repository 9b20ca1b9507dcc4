using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Payments.Cli;
using Payments.Persistence.Audit;
using Payments.Persistence.Configuration;
using Payments.Persistence.Migrations;
using Payments.Persistence.Outbox;
using Payments.Testing;

namespace Payments.Integration.Tests.Cli;

/// <summary>
/// <c>payments outbox list|retry|park</c> on a service's database (the gateway's here), configured as the service is:
/// an outbox the broker keeps refusing, listed with its error, parked, then retried — each change recorded in the audit trail as the
/// operator's.
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public class When_an_operator_manages_the_outbox(DatabaseProvider provider)
{
    TestDatabase _database = null!;
    TestDatabase _audit = null!;
    IConfiguration _configuration = null!;

    [SetUp]
    public async Task CreateDatabase()
    {
        _database = await TestDatabase.Create(provider, "payments_cli_outbox");
        _audit = await TestDatabase.Create(provider, "payments_cli_outbox_audit");
        _configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider.ToString(),
            ["ConnectionStrings:Gateway"] = _database.ConnectionString,
            ["ConnectionStrings:Audit"] = _audit.ConnectionString,
        }).Build();
        await using var db = Open();
        await db.MigratePaymentsDatabaseAsync();
        await using var auditServices = AuditServices();
        await using var scope = auditServices.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AuditDbContext>().MigratePaymentsDatabaseAsync();
    }

    [TearDown]
    public async Task DropDatabase()
    {
        await _database.DisposeAsync();
        await _audit.DisposeAsync();
    }

    ServiceProvider AuditServices()
    {
        var services = new ServiceCollection();
        services.AddPaymentsDbContext<AuditDbContext>(provider, _audit.ConnectionString);
        services.AddSingleton<IAuditTrail, EfAuditTrail>();
        return services.BuildServiceProvider();
    }

    [Test]
    public async Task Should_list_the_stuck_outbox_with_its_error_then_park_and_retry_it()
    {
        var stuck = await AddFailingOutbox("RabbitMQ 406 PRECONDITION_FAILED - message size 200000000 is larger than max size");

        var list = await Run("outbox", "list", "--service", "gateway");
        Assert.Multiple(() =>
        {
            Assert.That(list.ExitCode, Is.EqualTo(ExitCodes.Done), list.Error);
            Assert.That(list.Output, Does.Contain("1 undelivered outbox(es)"));
            Assert.That(list.Output, Does.Contain(stuck.ToString()).And.Contain("backing off").And.Contain("PRECONDITION_FAILED"));
        });

        var park = await Run("outbox", "park", stuck.ToString(), "--service", "gateway");
        Assert.That(park.ExitCode, Is.EqualTo(ExitCodes.Done), park.Error);
        Assert.That((await Outbox(stuck)).ParkedAt, Is.Not.Null);
        Assert.That((await Run("outbox", "list", "--service", "gateway")).Output, Does.Contain("parked"));

        var retry = await Run("outbox", "retry", stuck.ToString(), "--service", "gateway");
        var retried = await Outbox(stuck);
        Assert.Multiple(() =>
        {
            Assert.That(retry.ExitCode, Is.EqualTo(ExitCodes.Done), retry.Error);
            Assert.That(retry.Output, Does.Contain("1 outbox(es) due"));
            Assert.That(retried.ParkedAt, Is.Null);
            Assert.That(retried.NextAttemptAt, Is.Null);
            Assert.That(retried.DeliveryAttempts, Is.Zero);
        });

        await using var auditServices = AuditServices();
        var story = await auditServices.GetRequiredService<IAuditTrail>().StoryAsync(stuck.ToString(), CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(story.Select(e => e.Action), Is.EqualTo(new[] { "outbox park", "outbox retry" }));
            Assert.That(story.Select(e => e.System), Is.All.EqualTo(AuditSystems.Operator));
            Assert.That(story.Select(e => e.Outcome), Is.All.EqualTo(AuditOutcomes.Succeeded));
            Assert.That(story.Select(e => e.Actor), Is.All.EndsWith("(payments command)"));
            Assert.That(story[0].Request, Is.EqualTo($"gateway outbox {stuck}"));
        });
    }

    [Test]
    public async Task Should_retry_every_failed_outbox_with_all()
    {
        var first = await AddFailingOutbox("refused");
        var second = await AddFailingOutbox("refused");

        var retry = await Run("outbox", "retry", "--all", "--service", "gateway");

        Assert.That(retry.Output, Does.Contain("2 outbox(es) due"), retry.Error);
        Assert.That((await Outbox(first)).NextAttemptAt, Is.Null);
        Assert.That((await Outbox(second)).NextAttemptAt, Is.Null);
    }

    [Test]
    public async Task Should_exit_1_when_no_such_outbox_is_undelivered()
    {
        var park = await Run("outbox", "park", Guid.NewGuid().ToString(), "--service", "gateway");

        Assert.That(park.ExitCode, Is.EqualTo(ExitCodes.Failed));
        Assert.That(park.Error, Does.StartWith("payments: no undelivered outbox"));
    }

    [TestCase("outbox", "list", TestName = "Should_exit_2_without_a_service")]
    [TestCase("outbox", "list", "--service", "billing", TestName = "Should_exit_2_on_a_service_it_does_not_know")]
    [TestCase("outbox", "retry", "--service", "gateway", TestName = "Should_exit_2_on_a_retry_of_neither_an_outbox_nor_all")]
    [TestCase("outbox", "park", "not-a-guid", "--service", "gateway", TestName = "Should_exit_2_on_an_id_that_is_not_a_guid")]
    public async Task Should_refuse_a_wrong_command_line(params string[] args)
    {
        var run = await Run(args);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.Output);
        Assert.That(run.Output, Is.Empty, "stdout holds results only");
    }

    SharedInboxOutboxDbContext Open()
    {
        var options = new DbContextOptionsBuilder<SharedInboxOutboxDbContext>();
        options.UsePaymentsProvider(provider, _database.ConnectionString);
        return new SharedInboxOutboxDbContext(options.Options);
    }

    async Task<Guid> AddFailingOutbox(string error)
    {
        await using var db = Open();
        var outbox = new OutboxState
        {
            OutboxId = NewId.NextGuid(),
            LockId = NewId.NextGuid(),
            Created = DateTime.UtcNow.AddHours(-1),
            DeliveryAttempts = 7,
            NextAttemptAt = DateTime.UtcNow.AddMinutes(5),
            LastError = error,
        };
        db.Add(outbox);
        db.Add(new OutboxMessage
        {
            OutboxId = outbox.OutboxId,
            MessageId = NewId.NextGuid(),
            SentTime = outbox.Created,
            ContentType = "application/vnd.masstransit+json",
            MessageType = "urn:message:Payments.Contracts:Example",
            Body = "{}",
            DestinationAddress = new Uri("rabbitmq://localhost/example"),
        });
        await db.SaveChangesAsync();
        return outbox.OutboxId;
    }

    async Task<OutboxState> Outbox(Guid id)
    {
        await using var db = Open();
        return await db.Set<OutboxState>().AsNoTracking().SingleAsync(o => o.OutboxId == id);
    }

    async Task<(int ExitCode, string Output, string Error)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await PaymentsCommand.RunAsync(args, _configuration, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }
}
