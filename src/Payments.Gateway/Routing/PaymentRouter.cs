using Microsoft.Extensions.Options;
using Payments.Contracts.Shared;
using Payments.Gateway.Mappers.ZnodeOrderToCash;
using Payments.Gateway.Webhooks;

namespace Payments.Gateway.Routing;

/// <summary>
/// Where a payment belongs: its flow, the rule that decided it, whether that flow is held (does not exist yet), and a second flow
/// the configuration asks for as well (<c>Gateway:ZnodeOrderToCash:AlsoChargeToOrder</c>).
/// </summary>
public sealed record PaymentRoute(string Flow, string Rule, bool Hold = false)
{
    public string? AlsoFlow { get; init; }
}

/// <summary>
/// The one place that decides which flow a payment belongs to, from <see cref="RoutingOptions"/>: rules in order, first match
/// wins; then the Znode order-to-cash flow for an object whose metadata carries a Znode order number
/// (<see cref="ZnodeOrderToCashOptions.OrderNumberMetadataKey"/>); else the default. Every event of a type some flow maps goes through here, and only the chosen flow's mapper runs,
/// so a charge starts at most one flow and never two ERP documents. Pure: the event's JSON in, a route out.
/// </summary>
public sealed class PaymentRouter(IOptions<RoutingOptions> options, IOptions<ZnodeOrderToCashOptions> znode)
{
    public PaymentRoute Route(StripeEventEnvelope envelope)
    {
        var settings = options.Value;
        for (var i = 0; i < settings.Rules.Count; i++)
        {
            var rule = settings.Rules[i];
            if (Matches(rule, envelope))
                return WithAlso(new PaymentRoute(rule.Flow!, Describe(rule, i), rule.Hold));
        }
        var orderNumberKey = znode.Value.OrderNumberMetadataKey;
        if (StripeJson.MetadataValue(envelope.DataObject, orderNumberKey) is not null)
            return WithAlso(new PaymentRoute(FlowNames.ZnodeOrderToCash, $"Znode order number (metadata '{orderNumberKey}')"));
        return new PaymentRoute(settings.Default, "default route");
    }

    /// <summary>A Znode order's payment starts charge-to-order as well only when the configuration asks for both.</summary>
    PaymentRoute WithAlso(PaymentRoute route) =>
        route is { Flow: FlowNames.ZnodeOrderToCash, Hold: false } && znode.Value.AlsoChargeToOrder ? route with { AlsoFlow = FlowNames.ChargeToOrder } : route;

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
