using Microsoft.Extensions.Options;
using Payments.Gateway.Webhooks;

namespace Payments.Gateway.Routing;

/// <summary>Where a payment belongs: its flow, the rule that decided it, and whether that flow is held (does not exist yet).</summary>
public sealed record PaymentRoute(string Flow, string Rule, bool Hold = false);

/// <summary>
/// The one place that decides which flow a payment belongs to, from <see cref="RoutingOptions"/>: rules in order, first match
/// wins, else the default. Every event of a type some flow maps goes through here, and only the chosen flow's mapper runs,
/// so a charge starts at most one flow and never two ERP documents. Pure: the event's JSON in, a route out.
/// </summary>
public sealed class PaymentRouter(IOptions<RoutingOptions> options)
{
    public PaymentRoute Route(StripeEventEnvelope envelope)
    {
        var settings = options.Value;
        for (var i = 0; i < settings.Rules.Count; i++)
        {
            var rule = settings.Rules[i];
            if (Matches(rule, envelope))
                return new PaymentRoute(rule.Flow!, Describe(rule, i), rule.Hold);
        }
        return new PaymentRoute(settings.Default, "default route");
    }

    static bool Matches(RoutingRule rule, StripeEventEnvelope envelope) =>
        (rule.MetadataKey is not null || rule.Field is not null)
        && (rule.MetadataKey is null || StripeJson.MetadataValue(envelope.DataObject, rule.MetadataKey) is not null)
        && (rule.Field is null || StripeJson.HasValue(envelope.DataObject, rule.Field));

    static string Describe(RoutingRule rule, int index)
    {
        var conditions = new List<string>();
        if (rule.MetadataKey is not null) conditions.Add($"metadata '{rule.MetadataKey}'");
        if (rule.Field is not null) conditions.Add($"field '{rule.Field}'");
        var name = string.IsNullOrWhiteSpace(rule.Name) ? "" : $" '{rule.Name}'";
        return $"rule {index}{name} ({string.Join(" and ", conditions)})";
    }
}
