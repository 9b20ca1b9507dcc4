using Microsoft.EntityFrameworkCore;
using Payments.Persistence.Configuration;
using Payments.Persistence.Migrations;
using Payments.Persistence.Tests.Model;

namespace Payments.Persistence.Tests.Migrations;

[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
[TestFixture(DatabaseProvider.SqlServer)]
public class When_generating_the_migration_script(DatabaseProvider provider)
{
    static TestDbContext Context(DatabaseProvider provider) => new TestDbContextFactory().CreateDbContext(["--provider", provider.ToString()]);

    [Test]
    public void Should_map_every_table_with_MassTransits_names()
    {
        using var db = Context(provider);

        // No server needed: this is how CI proves the SQL Server model maps although SQL Server cannot run here.
        var script = db.GenerateMigrationScript();
        var output = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"migrations-{provider}.sql");
        File.WriteAllText(output, script);
        TestContext.AddTestAttachment(output, $"{provider} migration script");

        var quote = provider == DatabaseProvider.SqlServer ? ("[", "]") : ("\"", "\"");
        Assert.Multiple(() =>
        {
            foreach (var table in new[] { "InboxState", "OutboxState", "OutboxMessage", "OrderState" })
                Assert.That(script, Does.Contain($"CREATE TABLE {quote.Item1}{table}{quote.Item2}"), table);
            foreach (var column in new[] { "MessageId", "ConsumerId", "LockId", "RowVersion", "LastSequenceNumber", "SequenceNumber", "InboxMessageId", "InboxConsumerId", "OutboxId", "Version" })
                Assert.That(script, Does.Contain($"{quote.Item1}{column}{quote.Item2}"), column);
        });
        if (provider == DatabaseProvider.SqlServer)
            Assert.That(script, Does.Contain("rowversion"));
    }
}

public class When_the_database_configuration_is_incomplete
{
    [Test]
    public void Should_name_the_missing_connection_string()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Configuration["Database:Provider"] = "Postgres";

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddPaymentsDbContext<TestDbContext>("Ledger"));

        Assert.That(error!.Message, Does.Contain("ConnectionStrings:Ledger"));
    }
}
