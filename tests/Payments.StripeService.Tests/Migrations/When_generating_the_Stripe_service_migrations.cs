using Microsoft.EntityFrameworkCore;
using Payments.StripeService.Data;
using Payments.Persistence.Configuration;
using Payments.Persistence.Migrations;

namespace Payments.StripeService.Tests.Migrations;

[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
[TestFixture(DatabaseProvider.SqlServer)]
public class When_generating_the_Stripe_service_migrations(DatabaseProvider provider)
{
    StripeServiceDbContext Context() => new StripeServiceDbContextFactory().CreateDbContext(["--provider", provider.ToString()]);

    [Test]
    public void Should_have_no_model_changes_without_a_migration()
    {
        using var db = Context();

        Assert.That(db.Database.GetMigrations(), Is.Not.Empty);
        Assert.That(db.Database.HasPendingModelChanges(), Is.False, $"the model changed: run src/Payments.Persistence/add-migration.sh src/Payments.StripeService StripeServiceDbContext <Name>");
    }

    [Test]
    public void Should_generate_the_script_with_the_inbox_and_outbox_tables()
    {
        using var db = Context();

        // No server needed: this is how CI proves the SQL Server model maps although SQL Server does not run there.
        var script = db.GenerateMigrationScript();
        var output = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"stripe-service-migrations-{provider}.sql");
        File.WriteAllText(output, script);
        TestContext.AddTestAttachment(output, $"Stripe service {provider} migration script");
        TestContext.Out.WriteLine($"{output}: {script.Length} characters");

        var (open, close) = provider == DatabaseProvider.SqlServer ? ("[", "]") : ("\"", "\"");
        Assert.Multiple(() =>
        {
            foreach (var table in new[] { "InboxState", "OutboxState", "OutboxMessage" })
                Assert.That(script, Does.Contain($"CREATE TABLE {open}{table}{close}"), table);
        });
    }
}
