using Microsoft.EntityFrameworkCore;
using Payments.Sagas.Data;
using Payments.Persistence.Configuration;
using Payments.Persistence.Migrations;

namespace Payments.Sagas.Tests.Migrations;

[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
[TestFixture(DatabaseProvider.SqlServer)]
public class When_generating_the_saga_migrations(DatabaseProvider provider)
{
    SagaDbContext Context() => new SagaDbContextFactory().CreateDbContext(["--provider", provider.ToString()]);

    [Test]
    public void Should_have_no_model_changes_without_a_migration()
    {
        using var db = Context();

        Assert.That(db.Database.GetMigrations(), Is.Not.Empty);
        Assert.That(db.Database.HasPendingModelChanges(), Is.False, $"the model changed: run src/Payments.Persistence/add-migration.sh src/Payments.Sagas SagaDbContext <Name>");
    }

    [Test]
    public void Should_generate_the_script_with_the_saga_and_outbox_tables()
    {
        using var db = Context();

        // No server needed: this is how CI proves the SQL Server model maps although SQL Server does not run there.
        var script = db.GenerateMigrationScript();
        var output = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"saga-migrations-{provider}.sql");
        File.WriteAllText(output, script);
        TestContext.AddTestAttachment(output, $"Sagas {provider} migration script");
        TestContext.Out.WriteLine($"{output}: {script.Length} characters");

        var (open, close) = provider == DatabaseProvider.SqlServer ? ("[", "]") : ("\"", "\"");
        Assert.Multiple(() =>
        {
            foreach (var table in new[] { "OrderPaymentState", "InboxState", "OutboxState", "OutboxMessage", "ScheduledMessage" })
                Assert.That(script, Does.Contain($"CREATE TABLE {open}{table}{close}"), table);
        });
    }
}
