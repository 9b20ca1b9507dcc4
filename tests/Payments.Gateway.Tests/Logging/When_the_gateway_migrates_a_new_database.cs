using Microsoft.Extensions.Logging;
using Npgsql;
using Payments.Persistence.Configuration;

namespace Payments.Gateway.Tests.Logging;

/// <summary>
/// The first start on a new database is an expected path too: EF Core probes for the database (PostgreSQL) and its
/// migrations history before creating them, and must not log that as an error.
/// </summary>
[TestFixture]
public class When_the_gateway_migrates_a_new_database
{
    static string Report(CapturedLogs logs) => string.Join(Environment.NewLine, logs.AtLeast(LogLevel.Warning));

    [Test]
    public async Task Should_log_nothing_at_warning_or_above_on_a_new_SQLite_file()
    {
        var logs = new CapturedLogs();

        await using var gateway = await GatewayHost.StartAsync(logs: logs);

        Assert.That(logs.AtLeast(LogLevel.Warning), Is.Empty, Report(logs));
        Assert.That(logs.Entries.Select(e => e.Message), Has.Some.Contains("GatewayDbContext schema is up to date"));
    }

    [Test]
    public async Task Should_log_nothing_at_warning_or_above_when_it_creates_the_PostgreSQL_database()
    {
        var logs = new CapturedLogs();

        await using var gateway = await GatewayHost.StartOnPostgresAsync(TestPostgres.ServerOrIgnore(), logs: logs);

        Assert.That(logs.AtLeast(LogLevel.Warning), Is.Empty, Report(logs));
        Assert.That(logs.Entries.Select(e => e.Message), Has.Some.Contains("GatewayDbContext schema is up to date"));
    }

    [Test]
    public async Task Should_log_nothing_at_warning_or_above_on_an_empty_PostgreSQL_database()
    {
        await using var database = await TestDatabase.Create(DatabaseProvider.Postgres, "payments_gateway_first_start");
        var logs = new CapturedLogs();

        await using var gateway = await GatewayHost.StartAsync(
            new Dictionary<string, string?>
            {
                ["Database:Provider"] = "Postgres", ["ConnectionStrings:Gateway"] = database.ConnectionString, ["ConnectionStrings:Audit"] = database.ConnectionString,
            }, logs);

        Assert.That(logs.AtLeast(LogLevel.Warning), Is.Empty, Report(logs));
        Assert.That(logs.Entries.Select(e => e.Message), Has.Some.Contains("GatewayDbContext schema is up to date"));
    }

    [Test]
    public void Should_still_log_an_error_when_the_PostgreSQL_server_cannot_be_reached()
    {
        var unreachable = new NpgsqlConnectionStringBuilder(TestPostgres.ServerOrIgnore()) { Host = "127.0.0.1", Port = 1, Timeout = 2 }.ConnectionString;
        var logs = new CapturedLogs();

        Assert.That(() => GatewayHost.StartAsync(
            new Dictionary<string, string?> { ["Database:Provider"] = "Postgres", ["ConnectionStrings:Gateway"] = unreachable, ["ConnectionStrings:Audit"] = unreachable }, logs), Throws.Exception);

        // The host logs the failed start with the exception: a real failure still pages someone.
        Assert.That(logs.AtLeast(LogLevel.Error).Where(e => Causes(e.Exception).Any(x => x is NpgsqlException)), Is.Not.Empty,
            string.Join(Environment.NewLine, logs.AtLeast(LogLevel.Warning)));
    }

    static IEnumerable<Exception> Causes(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
            yield return current;
    }
}
