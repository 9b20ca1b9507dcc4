using System.ComponentModel.DataAnnotations;
using Payments.Domain.Risk;

namespace Payments.Sagas.PaymentRisk;

/// <summary>
/// The <c>PaymentRisk</c> section of the sagas service: the risk policy's rules in order (<c>PaymentRisk:Rules:0:Name</c>, <c>…:Actions:0</c>, …);
/// none configured means <see cref="RiskPolicy.DefaultRules"/>. A bad rule (unknown action or risk level, no name, no action) stops the
/// service at start-up with one line naming its key.
/// </summary>
public sealed class PaymentRiskOptions : IValidatableObject
{
    public const string Section = "PaymentRisk";

    public List<RiskRuleSettings> Rules { get; set; } = [];

    /// <summary>The rules the policy runs: the configured ones, or the defaults.</summary>
    public IReadOnlyList<RiskRule> EffectiveRules() => RiskRules.From(Rules, $"{Section}:Rules", out _);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        RiskRules.From(Rules, $"{Section}:Rules", out var problems);
        return problems.Select(problem => new ValidationResult(problem));
    }
}
