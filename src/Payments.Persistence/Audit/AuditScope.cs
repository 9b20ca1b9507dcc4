namespace Payments.Persistence.Audit;

/// <summary>What the code running now works on, for the audit entries of its writes: set per message by <see cref="AuditScopeFilter{T}"/>.</summary>
public sealed record AuditContext
{
    public string? Flow { get; init; }
    /// <summary>The message being handled, e.g. <c>PostP21Order</c>.</summary>
    public string? Step { get; init; }
    public string? Subject { get; init; }
    public string? CausedBy { get; init; }
    public Guid? ConversationId { get; init; }
}

/// <summary>The ambient <see cref="AuditContext"/> (an <see cref="AsyncLocal{T}"/>, so it follows the handling of one message and no other).</summary>
public static class AuditScope
{
    static readonly AsyncLocal<AuditContext?> CurrentContext = new();

    public static AuditContext? Current => CurrentContext.Value;

    /// <summary>Sets <paramref name="context"/> until the returned scope is disposed (then the outer one again).</summary>
    public static IDisposable Begin(AuditContext context)
    {
        var outer = CurrentContext.Value;
        CurrentContext.Value = context;
        return new Restore(outer);
    }

    sealed class Restore(AuditContext? outer) : IDisposable
    {
        public void Dispose() => CurrentContext.Value = outer;
    }
}
