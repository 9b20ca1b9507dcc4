using Microsoft.EntityFrameworkCore;
using Payments.Gateway.Data;
using Payments.Persistence.Configuration;
using Payments.Persistence.Migrations;

namespace Payments.Gateway.Tests.Migrations;

[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
[TestFixture(DatabaseProvider.SqlServer)]
public class When_generating_the_gateway_migrations(DatabaseProvider provider)
{
    GatewayDbContext Context() => new GatewayDbContextFactory().CreateDbContext(["--provider", provider.ToString()]);

    [Test]
    public void Should_have_no_model_changes_without_a_migration()
    {
        using var db = Context();

        Assert.That(db.Database.GetMigrations(), Is.Not.Empty);
        Assert.That(db.Database.HasPendingModelChanges(), Is.False, $"the model changed: run src/Payments.Persistence/add-migration.sh src/Payments.Gateway GatewayDbContext <Name>");
    }

    [Test]
    public void Should_generate_the_script_with_the_webhook_and_outbox_tables()
    {
        using var db = Context();

        // No server needed: this is how CI proves the SQL Server model maps although SQL Server does not run there.
        var script = db.GenerateMigrationScript();
        var output = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"gateway-migrations-{provider}.sql");
        File.WriteAllText(output, script);
        TestContext.AddTestAttachment(output, $"Gateway {provider} migration script");
        TestContext.Out.WriteLine($"{output}: {script.Length} characters");

        var (open, close) = provider == DatabaseProvider.SqlServer ? ("[", "]") : ("\"", "\"");
        Assert.Multiple(() =>
        {
            foreach (var table in new[] { "WebhookEvents", "RejectedWebhooks", "InboxState", "OutboxState", "OutboxMessage" })
                Assert.That(script, Does.Contain($"CREATE TABLE {open}{table}{close}"), table);
        });
    }
}
