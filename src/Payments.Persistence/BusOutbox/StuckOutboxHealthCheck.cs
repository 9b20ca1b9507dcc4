using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Payments.Persistence.BusOutbox;

/// <summary>
/// On <c>/health</c>: Degraded while outboxes of <typeparamref name="TContext"/> are undelivered for longer than
/// <c>Database:Outbox:StuckAfter</c> (as the monitor last counted), with their count; parked ones are reported, not degrading.
/// </summary>
public sealed class StuckOutboxHealthCheck<TContext>(OutboxMetrics metrics, IOptionsMonitor<BusOutboxOptions> options) : IHealthCheck
    where TContext : DbContext
{
    public static string Name => $"outbox-{typeof(TContext).Name}";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var counts = metrics.For(typeof(TContext).Name);
        if (counts == null)
            return Task.FromResult(HealthCheckResult.Healthy("Not checked yet."));

        var data = new Dictionary<string, object> { ["stuck"] = counts.Stuck, ["parked"] = counts.Parked, ["checkedAt"] = counts.CheckedAt };
        return Task.FromResult(counts.Stuck == 0
            ? HealthCheckResult.Healthy($"No bus outbox of {typeof(TContext).Name} undelivered for longer than {options.CurrentValue.StuckAfter}; {counts.Parked} parked.", data)
            : HealthCheckResult.Degraded(
                $"{counts.Stuck} bus outbox(es) of {typeof(TContext).Name} undelivered for longer than {options.CurrentValue.StuckAfter} "
                + $"({counts.Parked} parked); see `payments outbox list`.", data: data));
    }
}
