using Microsoft.Extensions.Diagnostics.HealthChecks;
using Payments.ServiceDefaults.Failures;

namespace Payments.ZnodeService.Client;

/// <summary><c>/health</c>: does the Znode API site answer us (credentials and domain accepted)? One small read of the order-state table.</summary>
public sealed class ZnodeHealthCheck(ZnodeClient znode) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var states = await znode.ListOrderStatesAsync(cancellationToken);
            return HealthCheckResult.Healthy($"Znode answers ({states.Count} order states)");
        }
        catch (Exception e) when (e is PermanentFailureException or TransientFailureException)
        {
            return HealthCheckResult.Unhealthy(e.Message, e);
        }
    }
}
