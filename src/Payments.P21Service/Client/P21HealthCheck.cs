using Microsoft.Extensions.Diagnostics.HealthChecks;
using Payments.ServiceDefaults.Failures;

namespace Payments.P21Service.Client;

/// <summary>
/// <c>/health</c>: can we get a token and reach P21's router? Uses the shared token, so a probe costs one small call, not a new P21 session.
/// Unhealthy too once a first-use check found that P21 does not keep the charge reference or a new customer's e-mail (<see cref="P21SelfChecks"/>).
/// </summary>
public sealed class P21HealthCheck(IP21Api api, P21SelfChecks selfChecks, TimeProvider time) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if ((selfChecks.ReferenceProblem ?? selfChecks.EmailProblem) is { } problem)
            return HealthCheckResult.Unhealthy(problem);
        try
        {
            var route = await P21Failures.CallAsync("the health probe", () => api.GetUiServerAsync(cancellationToken), time, cancellationToken);
            return HealthCheckResult.Healthy($"P21 UI server {route.Url}");
        }
        catch (PermanentFailureException e)
        {
            return HealthCheckResult.Unhealthy(e.Reason, e);
        }
        catch (TransientFailureException e)
        {
            return HealthCheckResult.Unhealthy(e.Message, e);
        }
    }
}
