namespace Payments.Persistence.Audit;

/// <summary>One id an <see cref="AuditEntry"/> is about (a row of <c>audit_references</c>), so a story is found through an index.</summary>
public sealed class AuditReference
{
    public required string Reference { get; init; }
    public required Guid EntryId { get; init; }
}
