using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Payments.Gateway.Data;

/// <summary>On <c>/health</c>: without its database the gateway answers every webhook 500 (Stripe keeps retrying).</summary>
public sealed class GatewayDatabaseHealthCheck(GatewayDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("The gateway database (ConnectionStrings:Gateway) cannot be reached.");
}
