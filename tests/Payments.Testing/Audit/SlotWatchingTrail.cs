using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Payments.Persistence.Audit;

namespace Payments.Testing.Audit;

/// <summary>
/// A service's audit trail that notes, as each entry is recorded, how many of an outside system's call slots (its
/// <c>AddOutboundHttp</c> concurrency limiter) are free: an entry recorded inside a call's slot shows one fewer.
/// </summary>
public sealed class SlotWatchingTrail(IAuditTrail trail, RateLimiter slots) : IAuditTrail
{
    public ConcurrentQueue<(string Action, string Outcome, long FreeSlots)> Seen { get; } = new();

    /// <summary>Puts the service's <see cref="EfAuditTrail"/> behind a <see cref="SlotWatchingTrail"/> of <paramref name="system"/>'s slots, handed to <paramref name="made"/>.</summary>
    public static void Replace(IServiceCollection services, string system, Action<SlotWatchingTrail> made) =>
        services.Replace(ServiceDescriptor.Singleton<IAuditTrail>(provider =>
        {
            var watching = new SlotWatchingTrail(ActivatorUtilities.CreateInstance<EfAuditTrail>(provider), provider.GetRequiredKeyedService<RateLimiter>(system));
            made(watching);
            return watching;
        }));

    public Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        Seen.Enqueue((entry.Action, entry.Outcome, slots.GetStatistics()!.CurrentAvailablePermits));
        return trail.RecordAsync(entry, cancellationToken);
    }

    public Task<IReadOnlyList<AuditEntry>> StoryAsync(string id, CancellationToken cancellationToken) => trail.StoryAsync(id, cancellationToken);
}
