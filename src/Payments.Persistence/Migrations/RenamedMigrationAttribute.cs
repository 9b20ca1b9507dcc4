namespace Payments.Persistence.Migrations;

/// <summary>
/// A migration this context's databases may have recorded in <c>__EFMigrationsHistory</c> under another id (e.g. before
/// its migrations were shared). Before migrating, a history row <see cref="PreviousId"/> becomes <see cref="Id"/>, so
/// the migration is not run a second time. Only for migrations that are the same operations under both ids.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class RenamedMigrationAttribute(string previousId, string id) : Attribute
{
    public string PreviousId { get; } = previousId;
    public string Id { get; } = id;
}
