using System.Runtime.CompilerServices;
using MassTransit;

namespace Payments.Persistence.Outbox;

/// <summary>
/// Remembers which receive endpoints <see cref="OutboxConfigurationExtensions.UsePaymentsOutbox{TContext}"/> configured,
/// and for which DbContext, so a saga stored by the EF repository can refuse an endpoint without that outbox at start-up.
/// Attached to the endpoint's configurator, so it lives exactly as long as the configuration does.
/// </summary>
static class OutboxEndpoints
{
    static readonly ConditionalWeakTable<IReceiveEndpointConfigurator, HashSet<Type>> Contexts = new();

    public static void Add(IReceiveEndpointConfigurator endpoint, Type dbContextType)
    {
        var contexts = Contexts.GetOrCreateValue(endpoint);
        lock (contexts)
            contexts.Add(dbContextType);
    }

    public static bool Uses(IReceiveEndpointConfigurator endpoint, Type dbContextType)
    {
        if (!Contexts.TryGetValue(endpoint, out var contexts))
            return false;
        lock (contexts)
            return contexts.Contains(dbContextType);
    }
}
