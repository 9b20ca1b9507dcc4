using Payments.Gateway.Routing;
using Payments.Gateway.Webhooks;

namespace Payments.Gateway.Mappers;

/// <summary>
/// Every registered <see cref="IStripeEventMapper"/>, by flow and event type. Two mappers for the same flow and type are
/// refused when the gateway starts: which one ran would depend on registration order. Mappers of events that start a payment
/// run only for the payment's flow (<see cref="PaymentRouter"/>); the others (<see cref="IStripeEventMapper.StartsPayment"/> false)
/// run for every event of their types.
/// </summary>
public sealed class StripeEventMappers
{
    readonly Dictionary<(string Flow, string Type), IStripeEventMapper> _byFlowAndType = new();
    readonly HashSet<string> _routedTypes = new(StringComparer.Ordinal);
    readonly Dictionary<string, List<IStripeEventMapper>> _ownFlowByType = new(StringComparer.Ordinal);

    public StripeEventMappers(IEnumerable<IStripeEventMapper> mappers)
    {
        var paymentFlows = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var mapper in mappers)
        {
            foreach (var type in mapper.EventTypes)
            {
                if (!_byFlowAndType.TryAdd((mapper.Flow, type), mapper))
                    throw new InvalidOperationException(
                        $"Two Stripe event mappers for '{type}' in flow '{mapper.Flow}': {_byFlowAndType[(mapper.Flow, type)].GetType().Name} and {mapper.GetType().Name}.");
                if (mapper.StartsPayment)
                {
                    _routedTypes.Add(type);
                    paymentFlows.Add(mapper.Flow);
                }
                else
                {
                    if (!_ownFlowByType.TryGetValue(type, out var list))
                        _ownFlowByType[type] = list = [];
                    list.Add(mapper);
                }
            }
        }
        Flows = [.. paymentFlows];
        EventTypes = [.. _routedTypes.Concat(_ownFlowByType.Keys).Distinct().Order(StringComparer.Ordinal)];
    }

    /// <summary>Every Stripe event type some mapper maps (what a backfill asks Stripe for).</summary>
    public IReadOnlyList<string> EventTypes { get; }

    /// <summary>The flows a payment can be routed to in this version: those with at least one mapper of events that start a payment.</summary>
    public IReadOnlyList<string> Flows { get; }

    /// <summary>Whether any flow maps events of <paramref name="type"/>.</summary>
    public bool Handles(string type) => _routedTypes.Contains(type) || _ownFlowByType.ContainsKey(type);

    public IStripeEventMapper? Find(string flow, string type) => _byFlowAndType.GetValueOrDefault((flow, type));

    /// <summary>
    /// The mapping of <paramref name="envelope"/>: event types no flow handles are ignored. For a type that starts a payment,
    /// <paramref name="router"/> picks the payment's one flow and only that flow's mapper runs; a flow without a mapper for the type
    /// (a held flow, not in this version) leaves the event unrouted. Then the mappers of flows that follow the type whoever took the
    /// payment run: their message is the mapping when nothing else is published, else it goes with the routed message in the same
    /// commit. Any rejection refuses the event whole rather than half-published.
    /// </summary>
    public StripeEventMapping Map(StripeEventEnvelope envelope, PaymentRouter router)
    {
        if (!Handles(envelope.Type))
            return StripeEventMapping.Ignore($"Event type '{envelope.Type}' is not handled by the gateway.");

        var mapping = _routedTypes.Contains(envelope.Type) ? MapRouted(envelope, router) : null;
        if (mapping is { Kind: MappingKind.Reject })
            return mapping;
        foreach (var mapper in _ownFlowByType.GetValueOrDefault(envelope.Type) ?? [])
        {
            var own = mapper.Map(envelope) with { Route = new PaymentRoute(mapper.Flow, $"its own flow (event type '{envelope.Type}')") };
            switch (own.Kind)
            {
                case MappingKind.Reject:
                    return mapping is null ? own : own with { Reason = $"For flow '{mapper.Flow}' too: {own.Reason}" };
                case MappingKind.Publish when mapping is null or { Kind: MappingKind.Ignore }:
                    mapping = own;
                    break;
                case MappingKind.Publish:
                    mapping = mapping with { AlsoPublish = [.. mapping.AlsoPublish, own.Message!] };
                    break;
                default:
                    mapping ??= own;
                    break;
            }
        }
        return mapping!;
    }

    StripeEventMapping MapRouted(StripeEventEnvelope envelope, PaymentRouter router)
    {
        var route = router.Route(envelope);
        var mapping = Find(route.Flow, envelope.Type) is { StartsPayment: true } mapper
            ? mapper.Map(envelope)
            : route.Hold
                ? StripeEventMapping.Unrouted(
                    $"{envelope.Type} {StripeJson.String(envelope.DataObject, "id")} belongs to flow '{route.Flow}' by {route.Rule}, which has no mapper " +
                    "for it in this version: recorded, published nowhere. Replay it once the flow exists.")
                // The flow exists but does not follow this type (charge-to-order and payment_intent.succeeded): nothing to do.
                : StripeEventMapping.Ignore($"Flow '{route.Flow}' (by {route.Rule}) does not map '{envelope.Type}'.");
        mapping = mapping with { Route = route };
        if (mapping.Kind != MappingKind.Publish || route.AlsoFlow is null || Find(route.AlsoFlow, envelope.Type) is not { StartsPayment: true } alsoMapper)
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
