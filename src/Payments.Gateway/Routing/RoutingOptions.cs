using Microsoft.Extensions.Options;
using Payments.Contracts.Shared;
using Payments.Gateway.Mappers;

namespace Payments.Gateway.Routing;

/// <summary>
/// The <c>Gateway:Routing</c> section: which flow a payment belongs to. <see cref="Rules"/> are tried in order and the first
/// that matches wins; a payment no rule matches goes to <see cref="Default"/>.
/// </summary>
public sealed class RoutingOptions
{
    public const string Section = "Gateway:Routing";

    public List<RoutingRule> Rules { get; set; } = [];

    /// <summary>The flow of payments no rule matches.</summary>
    public string Default { get; set; } = FlowNames.ChargeToOrder;
}

/// <summary>
/// One rule: when every condition given holds for the event's object (the charge of <c>charge.succeeded</c>), the payment
/// belongs to <see cref="Flow"/>. At least one condition is needed.
/// </summary>
public sealed class RoutingRule
{
    /// <summary>For logs and the recorded reason, e.g. <c>znode</c>; defaults to the rule's position.</summary>
    public string? Name { get; set; }

    /// <summary>One of <c>FlowNames</c>.</summary>
    public string? Flow { get; set; }

    /// <summary>Condition: the object's metadata has a non-empty value under this key, e.g. <c>znode_order_number</c>.</summary>
    public string? MetadataKey { get; set; }

    /// <summary>
    /// Condition: the object has a value at this dotted path, e.g. <c>invoice</c> or, with the payment intent expanded,
    /// <c>payment_intent.invoice</c> (null, false, "" and [] are no value).
    /// </summary>
    public string? Field { get; set; }

    /// <summary>
    /// The flow does not exist in this version yet: matching payments are recorded as <c>Unrouted</c> with this rule named,
    /// logged as a warning and published nowhere, so they can be replayed once it exists.
    /// </summary>
    public bool Hold { get; set; }
}

/// <summary>Refuses, one line per problem, rules that could send a payment nowhere or to two places.</summary>
public sealed class RoutingOptionsValidator(StripeEventMappers mappers) : IValidateOptions<RoutingOptions>
{
    public ValidateOptionsResult Validate(string? name, RoutingOptions options)
    {
        var failures = new List<string>();
        var flows = mappers.Flows.Count == 0 ? "none" : string.Join(", ", mappers.Flows);
        if (string.IsNullOrWhiteSpace(options.Default))
            failures.Add($"{RoutingOptions.Section}:Default must name a flow ({flows}).");
        else if (!mappers.Flows.Contains(options.Default))
            failures.Add($"{RoutingOptions.Section}:Default '{options.Default}' has no mapper in this version (flows here: {flows}).");

        for (var i = 0; i < options.Rules.Count; i++)
        {
            var rule = options.Rules[i];
            var key = $"{RoutingOptions.Section}:Rules:{i}";
            if (rule is null)
            {
                failures.Add($"{key} is empty.");
                continue;
            }
            if (string.IsNullOrWhiteSpace(rule.Flow))
                failures.Add($"{key}:Flow must name a flow ({flows}).");
            else if (rule.Hold && mappers.Flows.Contains(rule.Flow))
                failures.Add($"{key} holds payments of flow '{rule.Flow}', which this version has: remove {key}:Hold to route them there.");
            else if (!rule.Hold && !mappers.Flows.Contains(rule.Flow))
                failures.Add($"{key}:Flow '{rule.Flow}' has no mapper in this version (flows here: {flows}). Fix the name, or set {key}:Hold=true " +
                             "to record its payments as unrouted until the flow exists.");
            if (rule.MetadataKey is null && rule.Field is null)
                failures.Add($"{key} has no condition: set MetadataKey and/or Field.");
            if (rule.MetadataKey is { } metadataKey && string.IsNullOrWhiteSpace(metadataKey))
                failures.Add($"{key}:MetadataKey is empty.");
            if (rule.Field is { } field && field.Split('.').Any(string.IsNullOrWhiteSpace))
                failures.Add($"{key}:Field '{field}' is not a dotted path of field names (e.g. invoice, payment_intent.invoice).");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
