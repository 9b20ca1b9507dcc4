using System.ComponentModel.DataAnnotations;

namespace Payments.Persistence.Audit;

/// <summary>Section <c>Audit</c>: how long entries are kept (checked at start-up), and the service name entries carry.</summary>
public sealed class AuditOptions : IValidatableObject
{
    public const string Section = "Audit";

    /// <summary>Entries older than this are removed by the audit database's cleanup (every <c>Database:Cleanup:Interval</c>).</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(400);

    /// <summary>The name entries carry in <see cref="AuditEntry.Service"/>; by default from the application's name (<c>Payments.P21Service</c> → <c>p21-service</c>).</summary>
    public string? Service { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Retention < TimeSpan.FromDays(1))
            yield return new ValidationResult($"{Section}:Retention must be at least one day; got {Retention}.", [nameof(Retention)]);
    }
}
