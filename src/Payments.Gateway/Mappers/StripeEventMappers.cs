using Payments.Gateway.Routing;
using Payments.Gateway.Webhooks;

namespace Payments.Gateway.Mappers;

/// <summary>
/// Every registered <see cref="IStripeEventMapper"/>, by flow and event type. Two mappers for the same flow and type are
/// refused when the gateway starts: which one ran would depend on registration order.
/// </summary>
public sealed class StripeEventMappers
{
    readonly Dictionary<(string Flow, string Type), IStripeEventMapper> _byFlowAndType = new();
    readonly HashSet<string> _types = new(StringComparer.Ordinal);

    public StripeEventMappers(IEnumerable<IStripeEventMapper> mappers)
    {
        foreach (var mapper in mappers)
        {
            foreach (var type in mapper.EventTypes)
            {
                if (!_byFlowAndType.TryAdd((mapper.Flow, type), mapper))
                    throw new InvalidOperationException(
                        $"Two Stripe event mappers for '{type}' in flow '{mapper.Flow}': {_byFlowAndType[(mapper.Flow, type)].GetType().Name} and {mapper.GetType().Name}.");
                _types.Add(type);
            }
        }
        Flows = _byFlowAndType.Keys.Select(k => k.Flow).Distinct().Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>The flows that have at least one mapper in this version.</summary>
    public IReadOnlyList<string> Flows { get; }

    /// <summary>Whether any flow maps events of <paramref name="type"/>.</summary>
    public bool Handles(string type) => _types.Contains(type);

    public IStripeEventMapper? Find(string flow, string type) => _byFlowAndType.GetValueOrDefault((flow, type));

    /// <summary>
    /// The mapping of <paramref name="envelope"/>: event types no flow handles are ignored; for the others
    /// <paramref name="router"/> picks the payment's one flow and only that flow's mapper runs. A flow without a mapper for
    /// the type (a held flow, not in this version) leaves the event unrouted.
    /// </summary>
    public StripeEventMapping Map(StripeEventEnvelope envelope, PaymentRouter router)
    {
        if (!Handles(envelope.Type))
            return StripeEventMapping.Ignore($"Event type '{envelope.Type}' is not handled by the gateway.");

        var route = router.Route(envelope);
        var mapping = Find(route.Flow, envelope.Type)?.Map(envelope) ?? (route.Hold
            ? StripeEventMapping.Unrouted(
                $"{envelope.Type} {StripeJson.String(envelope.DataObject, "id")} belongs to flow '{route.Flow}' by {route.Rule}, which has no mapper " +
                "for it in this version: recorded, published nowhere. Replay it once the flow exists.")
            // The flow exists but does not follow this type (charge-to-order and payment_intent.succeeded): nothing to do.
            : StripeEventMapping.Ignore($"Flow '{route.Flow}' (by {route.Rule}) does not map '{envelope.Type}'."));
        mapping = mapping with { Route = route };
        if (mapping.Kind != MappingKind.Publish || route.AlsoFlow is null || Find(route.AlsoFlow, envelope.Type) is not { } alsoMapper)
            return mapping;

        var also = alsoMapper.Map(envelope);
        return also.Kind switch
        {
            MappingKind.Publish => mapping with { AlsoPublish = [also.Message!] },
            // Asked for both: a payment the second flow cannot take is refused whole rather than half-published.
            MappingKind.Reject => also with { Reason = $"For flow '{route.AlsoFlow}' too: {also.Reason}", Route = route },
            _ => mapping,
        };
    }
}

public static class StripeEventMapperRegistration
{
    /// <summary>Registers one mapper; the gateway finds it by the flow and event types it declares.</summary>
    public static IServiceCollection AddStripeEventMapper<TMapper>(this IServiceCollection services)
        where TMapper : class, IStripeEventMapper
    {
        services.AddSingleton<IStripeEventMapper, TMapper>();
        return services;
    }
}
