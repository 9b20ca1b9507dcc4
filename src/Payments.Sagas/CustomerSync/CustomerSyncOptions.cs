using System.ComponentModel.DataAnnotations;
using Payments.Domain.Customers;

namespace Payments.Sagas.CustomerSync;

/// <summary>
/// The <c>CustomerSync</c> section of the sagas service, and the field ownership read from <c>Customers:Ownership</c>
/// (<c>Customers:Ownership:CreditTerms = P21</c>, <c>…:Address = Stripe,Znode</c>; see <see cref="FieldOwnership.FromSettings"/>), which the P21
/// service reads too. A bad ownership setting stops the service at start-up with every problem named.
/// </summary>
public sealed class CustomerSyncOptions : IValidatableObject
{
    public const string Section = "CustomerSync";
    public const string OwnershipSection = "Customers:Ownership";

    /// <summary>A Stripe customer P21 does not know (by the link, else the e-mail) is created in P21 from its first report.</summary>
    public bool CreateP21Customers { get; set; } = true;

    /// <summary>The settings of <see cref="OwnershipSection"/>, field (or <c>Address</c>) to its writers; empty: <see cref="FieldOwnership.Default"/>.</summary>
    public Dictionary<string, string> Ownership { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public FieldOwnership FieldOwnership() => Ownership.Count == 0 ? Domain.Customers.FieldOwnership.Default : Domain.Customers.FieldOwnership.FromSettings(Ownership, OwnershipSection);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        string? problem = null;
        try
        {
            FieldOwnership();
        }
        catch (ArgumentException exception)
        {
            problem = exception.Message;
        }
        if (problem is not null)
            yield return new ValidationResult(problem, [nameof(Ownership)]);
    }
}
