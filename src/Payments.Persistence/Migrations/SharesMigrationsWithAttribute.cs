namespace Payments.Persistence.Migrations;

/// <summary>
/// Says that a DbContext (and every context derived from it) has the same tables as <see cref="ContextType"/> and uses the
/// migrations generated for that context, from that context's assembly, instead of carrying a copy of its own.
/// <see cref="ProviderMigrationsAssembly"/> reads it.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class SharesMigrationsWithAttribute(Type contextType) : Attribute
{
    public Type ContextType { get; } = contextType;
}
