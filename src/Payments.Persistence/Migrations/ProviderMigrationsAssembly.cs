using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Payments.Persistence.Configuration;

namespace Payments.Persistence.Migrations;

/// <summary>
/// Lets one assembly hold a migration set per provider: only migrations and the model snapshot whose namespace
/// ends in the active provider's folder name (<c>…Migrations.Sqlite</c>, <c>…Migrations.Postgres</c>,
/// <c>…Migrations.SqlServer</c>) belong to the context. Both the runtime migrator and <c>dotnet ef</c> see it.
/// A context marked <see cref="SharesMigrationsWithAttribute"/> gets the migrations of the context it names, from that
/// context's assembly (the inbox/outbox-only services share Payments.Persistence's set).
/// </summary>
public sealed class ProviderMigrationsAssembly : IMigrationsAssembly
{
    readonly Type _migrationsContextType;
    readonly string _folder;
    IReadOnlyDictionary<string, TypeInfo>? _migrations;
    ModelSnapshot? _snapshot;
    bool _snapshotLoaded;

    public ProviderMigrationsAssembly(ICurrentDbContext currentContext, IDbContextOptions options, IDatabaseProvider databaseProvider)
    {
        var contextType = currentContext.Context.GetType();
        _migrationsContextType = contextType.GetCustomAttribute<SharesMigrationsWithAttribute>()?.ContextType ?? contextType;
        _folder = DatabaseProviderExtensions.FromProviderName(databaseProvider.Name).ToString();

        var assemblyName = RelationalOptionsExtension.Extract(options).MigrationsAssembly;
        Assembly = assemblyName == null ? _migrationsContextType.Assembly : Assembly.Load(new AssemblyName(assemblyName));
    }

    public Assembly Assembly { get; }

    public IReadOnlyDictionary<string, TypeInfo> Migrations => _migrations ??= LoadMigrations();

    public ModelSnapshot? ModelSnapshot
    {
        get
        {
            if (!_snapshotLoaded)
            {
                var snapshotType = ConstructibleTypes()
                    .FirstOrDefault(t => t.IsSubclassOf(typeof(ModelSnapshot)) && BelongsHere(t));
                _snapshot = snapshotType == null ? null : (ModelSnapshot)Activator.CreateInstance(snapshotType.AsType())!;
                _snapshotLoaded = true;
            }

            return _snapshot;
        }
    }

    public string? FindMigrationId(string nameOrId) =>
        Migrations.Keys.FirstOrDefault(id => string.Equals(id, nameOrId, StringComparison.OrdinalIgnoreCase)
            || string.Equals(id[(id.IndexOf('_') + 1)..], nameOrId, StringComparison.OrdinalIgnoreCase));

    public Migration CreateMigration(TypeInfo migrationClass, string activeProvider)
    {
        var migration = (Migration)Activator.CreateInstance(migrationClass.AsType())!;
        migration.ActiveProvider = activeProvider;
        return migration;
    }

    IReadOnlyDictionary<string, TypeInfo> LoadMigrations()
    {
        var migrations = new SortedList<string, TypeInfo>(StringComparer.Ordinal);
        foreach (var type in ConstructibleTypes())
        {
            if (!type.IsSubclassOf(typeof(Migration)) || !BelongsHere(type))
                continue;
            var id = type.GetCustomAttribute<MigrationAttribute>()?.Id;
            if (id != null)
                migrations.Add(id, type);
        }

        return migrations;
    }

    IEnumerable<TypeInfo> ConstructibleTypes() => Assembly.DefinedTypes.Where(t => !t.IsAbstract && !t.IsGenericTypeDefinition);

    bool BelongsHere(TypeInfo type) =>
        type.GetCustomAttribute<DbContextAttribute>()?.ContextType == _migrationsContextType
        && type.Namespace?.EndsWith("." + _folder, StringComparison.Ordinal) == true;
}
