using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Payments.Persistence.Configuration;
using Payments.Persistence.Outbox;
using Payments.Persistence.Tests.Model;
using Payments.Persistence.Tests.Support;

namespace Payments.Persistence.Tests.Cleanup;

[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public class When_the_cleanup_is_configured(DatabaseProvider provider)
{
    [Test]
    public async Task Should_keep_the_configured_retention_and_delete_in_batches_of_the_configured_size()
    {
        await using var database = await TestDatabase.Create(provider, "payments_persistence_test");
        await using (var seed = await History.Open(database))
        {
            await History.AddDeliveredInbox(seed, 5, DateTime.UtcNow.AddHours(-1));
            await History.AddDeliveredInbox(seed, 1, DateTime.UtcNow.AddMinutes(-1));
        }
        var log = new CommandLog();

        await using var host = await PersistenceHost.Start(database, new PersistenceHost.HostOptions
        {
            Settings =
            {
                ["Database:Cleanup:Retention"] = "00:10:00",
                ["Database:Cleanup:Interval"] = "00:00:00.100",
                ["Database:Cleanup:BatchSize"] = "2",
            },
            Commands = log,
        });

        Assert.That(await Eventually.True(async () => await host.Query(db => db.Set<InboxState>().CountAsync()) == 1),
            "the rows older than Database:Cleanup:Retention were not removed, or the newer one was");
        var inboxDeletes = log.Commands.Where(c => c.RowsAffected > 0 && c.Text.Contains("DELETE", StringComparison.OrdinalIgnoreCase)
                                                   && c.Text.Contains(nameof(InboxState), StringComparison.Ordinal)).ToList();
        Assert.That(inboxDeletes.Select(c => c.RowsAffected), Is.All.LessThanOrEqualTo(2), "a delete removed more than Database:Cleanup:BatchSize rows");
        Assert.That(inboxDeletes.Sum(c => c.RowsAffected), Is.EqualTo(5));
    }
}

public class When_the_cleanup_configuration_is_invalid
{
    [Test]
    public void Should_refuse_to_start_and_name_each_bad_key()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration["Database:Cleanup:Retention"] = "-00:01:00";
        builder.Configuration["Database:Cleanup:Interval"] = "00:00:00";
        builder.Configuration["Database:Cleanup:BatchSize"] = "0";
        builder.Services.AddPaymentsDbContext<TestDbContext>(DatabaseProvider.Sqlite, "Data Source=:memory:");
        builder.Services.AddMassTransit(bus =>
        {
            bus.AddPaymentsOutbox<TestDbContext>();
            bus.UsingInMemory((context, cfg) => cfg.ConfigureEndpoints(context));
        });
        using var host = builder.Build();

        var error = Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.That(error!.Failures, Has.Some.Contains("Database:Cleanup:Retention")
            .And.Some.Contains("Database:Cleanup:Interval")
            .And.Some.Contains("Database:Cleanup:BatchSize"));
    }
}
