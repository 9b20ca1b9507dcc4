using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.Extensions.Options;

namespace Payments.ServiceDefaults.Configuration;

/// <summary>
/// Checks the DataAnnotations of an options class property by property, with the property's full configuration key as
/// its display name, so an attribute's message <c>"{0} is required."</c> reads <c>P21:SalesOrders:Taker is required.</c>;
/// then the class's own <see cref="IValidatableObject"/> rules, if it has any.
/// </summary>
public sealed class AnnotatedOptionsValidator<TOptions>(string section, string name) : IValidateOptions<TOptions>
    where TOptions : class
{
    static readonly PropertyInfo[] Annotated = typeof(TOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.GetIndexParameters().Length == 0 && p.GetCustomAttributes<ValidationAttribute>().Any())
        .ToArray();

    /// <summary>The options name this validator checks.</summary>
    public string Name => name;

    public ValidateOptionsResult Validate(string? optionsName, TOptions options)
    {
        if (!string.Equals(optionsName ?? Options.DefaultName, name, StringComparison.Ordinal))
            return ValidateOptionsResult.Skip;

        var failures = new List<string>();
        foreach (var property in Annotated)
        {
            var context = new ValidationContext(options) { MemberName = property.Name, DisplayName = $"{section}:{property.Name}" };
            var results = new List<ValidationResult>();
            if (!Validator.TryValidateProperty(property.GetValue(options), context, results))
                failures.AddRange(results.Select(r => r.ErrorMessage ?? $"{section}:{property.Name} is not valid."));
        }
        // Rules across properties an options class states itself (their messages name their keys).
        if (options is IValidatableObject validatable)
            failures.AddRange(validatable.Validate(new ValidationContext(options)).Select(r => r.ErrorMessage ?? $"{section} is not valid."));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
