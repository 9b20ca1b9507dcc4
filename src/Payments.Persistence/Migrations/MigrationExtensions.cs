using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Payments.Persistence.Configuration;

namespace Payments.Persistence.Migrations;

public static class MigrationExtensions
{
    /// <summary>
    /// Applies the active provider's migrations, creating the database when it does not exist (on PostgreSQL with its
    /// migrations history first). On SQLite it first switches the file to WAL, so readers do not block the writer (the
    /// setting is stored in the file).
    /// </summary>
    public static async Task MigratePaymentsDatabaseAsync(this DbContext dbContext, CancellationToken cancellationToken = default)
    {
        if (dbContext.Database.GetDatabaseProvider() == DatabaseProvider.Sqlite)
            await dbContext.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);

        if (!dbContext.Database.GetMigrations().Any())
            throw new InvalidOperationException(
                $"{dbContext.GetType().Name} has no migrations for {dbContext.Database.GetDatabaseProvider()}: add them under Migrations/{dbContext.Database.GetDatabaseProvider()} (see Payments.Persistence README).");

        if (dbContext.Database.GetDatabaseProvider() == DatabaseProvider.Postgres)
        {
            // Npgsql's migrator reads the migrations history before it migrates, and EF Core logs that read as an error
            // when the database (3D000) or its history table (42P01) does not exist yet, although Npgsql then creates both.
            // Creating them first, as Migrate would, quietly (the existence check expects errors; both creations tolerate
            // a replica doing the same), keeps a first start free of error lines.
            var creator = dbContext.GetService<IRelationalDatabaseCreator>();
            if (!await creator.ExistsAsync(cancellationToken))
                await creator.CreateAsync(cancellationToken);
            // Replicas started together applied the same migration twice (42P07 "relation already exists" from the second Znode
            // service, and a failed concurrent CREATE TABLE IF NOT EXISTS of the history table), although EF Core's own lock should
            // prevent it: one migrator at a time per database, by a session-level advisory lock (an advisory lock belongs to the
            // database it is taken in) on an unpooled connection of its own, so that closing it ends the session and frees the lock,
            // also after a crash. A pooled connection would keep the session, and its lock, after it is "closed" (the pool does not
            // reset connections: No Reset On Close, DbContextRegistrationExtensions).
            var unpooled = new NpgsqlConnectionStringBuilder(dbContext.Database.GetConnectionString()) { Pooling = false };
            await using var gate = new NpgsqlConnection(unpooled.ConnectionString);
            await gate.OpenAsync(cancellationToken);
            // As long as the other replica's migration takes (no command time-out); a stop cancels the wait.
            await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({MigrationLockKey})", gate) { CommandTimeout = 0 })
                await take.ExecuteNonQueryAsync(cancellationToken);
            try
            {
                await dbContext.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
                await dbContext.RenameMigrationsAsync(cancellationToken);
                await dbContext.Database.MigrateAsync(cancellationToken);
            }
            finally
            {
                await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({MigrationLockKey})", gate);
                await release.ExecuteNonQueryAsync(CancellationToken.None);
            }
            return;
        }

        await dbContext.RenameMigrationsAsync(cancellationToken);
        await dbContext.Database.MigrateAsync(cancellationToken);
    }

    /// <summary>The advisory lock key every Payments service takes while it migrates a PostgreSQL database ("PAYMIGR" in ASCII).</summary>
    const long MigrationLockKey = 0x5041594D494752;

    /// <summary>
    /// Rewrites the history rows of migrations the context declares renamed (<see cref="RenamedMigrationAttribute"/>), in
    /// one transaction, with the provider's own history scripts; a database without such rows is left as it is.
    /// </summary>
    public static async Task RenameMigrationsAsync(this DbContext dbContext, CancellationToken cancellationToken = default)
    {
        var renames = dbContext.GetType().GetCustomAttributes<RenamedMigrationAttribute>().ToList();
        if (renames.Count == 0)
            return;
        var history = dbContext.GetService<IHistoryRepository>();
        if (!await history.ExistsAsync(cancellationToken))
            return;

        var applied = (await history.GetAppliedMigrationsAsync(cancellationToken)).ToDictionary(r => r.MigrationId, StringComparer.Ordinal);
        var known = dbContext.Database.GetMigrations().ToHashSet(StringComparer.Ordinal);
        var statements = new List<string>();
        foreach (var rename in renames)
        {
            if (!applied.TryGetValue(rename.PreviousId, out var row) || !known.Contains(rename.Id) || applied.ContainsKey(rename.Id))
                continue;
            statements.Add(history.GetDeleteScript(rename.PreviousId));
            statements.Add(history.GetInsertScript(new HistoryRow(rename.Id, row.ProductVersion)));
        }
        if (statements.Count == 0)
            return;

        await using var transaction = await dbContext.Database.BeginTransactionAsync(cancellationToken);
        foreach (var statement in statements)
            await dbContext.Database.ExecuteSqlRawAsync(statement, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// The SQL script of every migration of the active provider (idempotent where the provider supports it, which
    /// SQLite does not) — how CI proves the SQL Server migrations map although SQL Server does not run there.
    /// Needs no database connection.
    /// </summary>
    public static string GenerateMigrationScript(this DbContext dbContext) =>
        dbContext.GetService<IMigrator>().GenerateScript(options: dbContext.Database.GetDatabaseProvider() == DatabaseProvider.Sqlite
            ? MigrationsSqlGenerationOptions.Default
            : MigrationsSqlGenerationOptions.Idempotent);
}
