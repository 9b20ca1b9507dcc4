using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Payments.Persistence.Configuration;
using Payments.Persistence.Migrations;
using Payments.Persistence.Outbox;

namespace Payments.Persistence.Tests.Migrations;

/// <summary>
/// One test for the migrations of every DbContext of the solution (<see cref="SolutionDbContexts"/>) on every provider: the model
/// has no change without a migration, an empty SQLite and PostgreSQL database migrates to exactly the model's tables and columns,
/// and the script (SQL Server's is how CI proves that provider maps, with no server) creates every table.
/// </summary>
[TestFixture]
public class When_migrating_every_database
{
    static readonly DatabaseProvider[] Providers = [DatabaseProvider.Sqlite, DatabaseProvider.Postgres, DatabaseProvider.SqlServer];
    static readonly DatabaseProvider[] Runnable = [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    static IEnumerable<TestCaseData> Cases(IEnumerable<DatabaseProvider> providers) =>
        from factory in SolutionDbContexts.Factories
        from provider in providers
        select new TestCaseData(factory, provider).SetArgDisplayNames(SolutionDbContexts.ContextOf(factory).Name, provider.ToString());

    static IEnumerable<TestCaseData> EveryProvider() => Cases(Providers);
    static IEnumerable<TestCaseData> RunnableProviders() => Cases(Runnable);

    static IEnumerable<TestCaseData> RenamingContexts() =>
        Cases(Runnable).Where(c => SolutionDbContexts.ContextOf((Type)c.Arguments[0]!).GetCustomAttributes<RenamedMigrationAttribute>().Any());

    [Test]
    public void Should_find_the_contexts_of_every_service()
    {
        var contexts = SolutionDbContexts.Factories.Select(f => SolutionDbContexts.ContextOf(f).Name).ToList();
        TestContext.Out.WriteLine(string.Join(", ", contexts));
        Assert.That(contexts, Is.SupersetOf(new[] { "GatewayDbContext", "SagaDbContext", "P21ServiceDbContext", "StripeServiceDbContext", "ZnodeServiceDbContext", "SharedInboxOutboxDbContext" }));
    }

    [TestCaseSource(nameof(EveryProvider))]
    public void Should_have_no_model_changes_without_a_migration(Type factory, DatabaseProvider provider)
    {
        using var db = SolutionDbContexts.Create(factory, provider);

        Assert.That(db.Database.GetMigrations(), Is.Not.Empty, $"{db.GetType().Name} has no migrations for {provider}");
        Assert.That(db.Database.HasPendingModelChanges(), Is.False,
            $"the model of {db.GetType().Name} changed: run src/Payments.Persistence/add-migration.sh <project> <context> <Name> (see src/Payments.Persistence/README.md)");
    }

    [TestCaseSource(nameof(EveryProvider))]
    public void Should_generate_a_script_that_creates_every_table(Type factory, DatabaseProvider provider)
    {
        using var db = SolutionDbContexts.Create(factory, provider);

        var script = db.GenerateMigrationScript();
        var output = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"migrations-{db.GetType().Name}-{provider}.sql");
        File.WriteAllText(output, script);
        TestContext.AddTestAttachment(output, $"{db.GetType().Name} {provider} migration script");

        var sql = db.GetService<ISqlGenerationHelper>();
        Assert.Multiple(() =>
        {
            foreach (var table in Tables(db))
                Assert.That(script, Does.Contain($"CREATE TABLE {sql.DelimitIdentifier(table.Name, table.Schema)}"), table.Name);
        });
    }

    [TestCaseSource(nameof(RunnableProviders))]
    public async Task Should_migrate_an_empty_database_to_the_model(Type factory, DatabaseProvider provider)
    {
        await using var database = await TestDatabase.Create(provider, "payments_migrations");
        await using var db = SolutionDbContexts.Create(factory, provider, database.ConnectionString);

        await db.MigratePaymentsDatabaseAsync();

        Assert.Multiple(async () =>
        {
            Assert.That(await db.Database.GetPendingMigrationsAsync(), Is.Empty);
            Assert.That(await db.Database.GetAppliedMigrationsAsync(), Is.EqualTo(db.Database.GetMigrations()));
        });
        // Every table with every column of the model, or the SELECT fails.
        var sql = db.GetService<ISqlGenerationHelper>();
        foreach (var table in Tables(db))
        {
            var columns = string.Join(", ", table.Columns.Select(c => sql.DelimitIdentifier(c.Name)));
            var select = $"SELECT {columns} FROM {sql.DelimitIdentifier(table.Name, table.Schema)} WHERE 1 = 0"; // names from the model, quoted by the provider
            await db.Database.ExecuteSqlRawAsync(select);
        }
    }

    /// <summary>
    /// A database made while a context's migrations had other ids (<see cref="RenamedMigrationAttribute"/>) has its history rows
    /// renamed and runs nothing again: migrating it a second time would otherwise fail creating tables that exist.
    /// </summary>
    [TestCaseSource(nameof(RenamingContexts))]
    public async Task Should_not_run_a_renamed_migration_again_on_an_existing_database(Type factory, DatabaseProvider provider)
    {
        var renames = SolutionDbContexts.ContextOf(factory).GetCustomAttributes<RenamedMigrationAttribute>().ToList();
        await using var database = await TestDatabase.Create(provider, "payments_migrations");
        await using var db = SolutionDbContexts.Create(factory, provider, database.ConnectionString);
        var mine = renames.Where(r => db.Database.GetMigrations().Contains(r.Id)).ToList();
        Assert.That(mine, Is.Not.Empty, $"{db.GetType().Name} renames no {provider} migration");

        // The database as the context's old migrations left it: the same tables, the history under the previous ids.
        await db.MigratePaymentsDatabaseAsync();
        var history = db.GetService<IHistoryRepository>();
        foreach (var rename in mine)
        {
            await db.Database.ExecuteSqlRawAsync(history.GetDeleteScript(rename.Id));
            await db.Database.ExecuteSqlRawAsync(history.GetInsertScript(new HistoryRow(rename.PreviousId, "10.0.14")));
        }

        await db.MigratePaymentsDatabaseAsync();

        Assert.That(await db.Database.GetAppliedMigrationsAsync(), Is.EqualTo(db.Database.GetMigrations()));
    }

    /// <summary>
    /// The inbox/outbox-only databases share one set of migrations (Payments.Persistence's, generated for
    /// SharedInboxOutboxDbContext), which kept the ids the P21 service's own copy had (P21 databases need nothing for it),
    /// followed by the set's later migrations (issue 9's OutboxRelay). The Stripe service left the set when it got tables of its
    /// own (issue 13), the P21 service with its customer links (issue 14, same ids: a P21 database made with the set runs only AddCustomerSync): see <see cref="Should_migrate_a_service_database_made_with_the_shared_set_to_its_own_migrations"/>.
    /// </summary>
    [TestCase(DatabaseProvider.Sqlite, "20261123120028_Initial")]
    [TestCase(DatabaseProvider.Postgres, "20261123120039_Initial")]
    [TestCase(DatabaseProvider.SqlServer, "20261123120050_Initial")]
    public void Should_give_every_inbox_outbox_database_the_shared_migrations(DatabaseProvider provider, string initial)
    {
        var inboxOutboxOnly = SolutionDbContexts.Factories.Where(f => typeof(InboxOutboxDbContext).IsAssignableFrom(SolutionDbContexts.ContextOf(f))).ToList();
        Assert.That(inboxOutboxOnly.Select(f => SolutionDbContexts.ContextOf(f).Name), Is.SupersetOf(new[] { "SharedInboxOutboxDbContext" }));
        Assert.Multiple(() =>
        {
            foreach (var factory in inboxOutboxOnly)
            {
                using var db = SolutionDbContexts.Create(factory, provider);
                var migrations = db.Database.GetMigrations().ToList();
                Assert.That(migrations.FirstOrDefault(), Is.EqualTo(initial), db.GetType().Name);
                Assert.That(migrations, Has.Some.EndsWith("_OutboxRelay"), db.GetType().Name + ": the shared set's later migrations");
                Assert.That(db.GetService<IMigrationsAssembly>().Assembly, Is.EqualTo(typeof(InboxOutboxDbContext).Assembly), db.GetType().Name);
            }
        });
    }

    /// <summary>
    /// A Stripe or P21 service database migrated while the service used the shared inbox/outbox set (its history holds that set's ids,
    /// up to OutboxRelay, the set's last migration then) is migrated to the service's own set, whose first migrations are the shared
    /// ones under the same ids: only what came after (the payout reconciliation's tables; the customer links; the undelivered-outbox
    /// index) runs, and nothing is created twice.
    /// </summary>
    [TestCase(DatabaseProvider.Sqlite, "StripeServiceDbContext", "AddPayoutReconciliation,AddCustomerSync,AddUndeliveredOutboxIndex")]
    [TestCase(DatabaseProvider.Postgres, "StripeServiceDbContext", "AddPayoutReconciliation,AddCustomerSync,AddUndeliveredOutboxIndex")]
    [TestCase(DatabaseProvider.Sqlite, "P21ServiceDbContext", "AddCustomerSync,AddUndeliveredOutboxIndex")]
    [TestCase(DatabaseProvider.Postgres, "P21ServiceDbContext", "AddCustomerSync,AddUndeliveredOutboxIndex")]
    public async Task Should_migrate_a_service_database_made_with_the_shared_set_to_its_own_migrations(DatabaseProvider provider, string context, string after)
    {
        var service = SolutionDbContexts.Factories.Single(f => SolutionDbContexts.ContextOf(f).Name == context);
        var shared = SolutionDbContexts.Factories.Single(f => SolutionDbContexts.ContextOf(f) == typeof(SharedInboxOutboxDbContext));
        await using var database = await TestDatabase.Create(provider, "payments_migrations");
        await using (var before = SolutionDbContexts.Create(shared, provider, database.ConnectionString))
        {
            await before.MigratePaymentsDatabaseAsync();
            // Back to what the set held when both services left it (its later migrations were never applied to their databases).
            var outboxRelay = before.Database.GetMigrations().Single(id => id.EndsWith("_OutboxRelay", StringComparison.Ordinal));
            await before.GetService<IMigrator>().MigrateAsync(outboxRelay);
        }
        await using var db = SolutionDbContexts.Create(service, provider, database.ConnectionString);
        var sharedIds = (await db.Database.GetAppliedMigrationsAsync()).ToList();

        await db.MigratePaymentsDatabaseAsync();

        Assert.Multiple(async () =>
        {
            Assert.That(db.Database.GetMigrations().Take(sharedIds.Count), Is.EqualTo(sharedIds), "the shared set's ids come first");
            Assert.That(await db.Database.GetAppliedMigrationsAsync(), Is.EqualTo(db.Database.GetMigrations()));
            Assert.That(db.Database.GetMigrations().Except(sharedIds).Select(id => id[(id.IndexOf('_') + 1)..]), Is.EqualTo(after.Split(',')));
        });
        var sql = db.GetService<ISqlGenerationHelper>();
        foreach (var table in Tables(db))
        {
            var select = $"SELECT {string.Join(", ", table.Columns.Select(c => sql.DelimitIdentifier(c.Name)))} FROM {sql.DelimitIdentifier(table.Name, table.Schema)} WHERE 1 = 0"; // names from the model
            await db.Database.ExecuteSqlRawAsync(select);
        }
    }

    sealed record Table(string Name, string? Schema, IReadOnlyList<IColumn> Columns);

    static IEnumerable<Table> Tables(DbContext db) =>
        db.GetService<IDesignTimeModel>().Model.GetRelationalModel().Tables
            .Select(t => new Table(t.Name, t.Schema, t.Columns.ToList()));
}
