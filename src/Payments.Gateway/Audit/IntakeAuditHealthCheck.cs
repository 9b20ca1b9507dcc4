using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Payments.Gateway.Audit;

/// <summary>On <c>/health</c>: Degraded while the intake entries of accepted events cannot reach the audit trail (they wait, nothing is lost).</summary>
public sealed class IntakeAuditHealthCheck(IntakeAuditPass pass) : IHealthCheck
{
    public const string Name = "intake-audit";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var (since, attempts, error) = pass.Failing;
        return Task.FromResult(since is null
            ? HealthCheckResult.Healthy("Intake entries reach the audit trail.")
            : HealthCheckResult.Degraded(
                $"Intake entries of accepted Stripe events have not reached the audit trail since {since:u} ({attempts} attempts; last: {error}). " +
                "The events are committed and published; their entries wait in WebhookEvents (AuditedAt empty) until the audit database is back.",
                data: new Dictionary<string, object> { ["since"] = since, ["attempts"] = attempts }));
    }
}
