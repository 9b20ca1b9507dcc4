using Microsoft.Extensions.Diagnostics.HealthChecks;
using Polly;
using Stripe;

namespace Payments.StripeService.Client;

/// <summary>
/// <c>/health</c>: does Stripe answer us with our key? One read of the account's balance (<c>GET /v1/balance</c>, no side effect). The
/// result names the HTTP status and Stripe's error code only, never the key (Stripe's own message repeats part of it).
/// </summary>
public sealed class StripeHealthCheck(StripeClient stripe) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var balance = await new BalanceService(stripe).GetAsync(cancellationToken: cancellationToken);
            return HealthCheckResult.Healthy($"Stripe answers (livemode {balance.Livemode.ToString().ToLowerInvariant()})");
        }
        catch (StripeException e)
        {
            return HealthCheckResult.Unhealthy($"Stripe answered {(int)e.HttpStatusCode} {e.StripeError?.Code ?? e.StripeError?.Type ?? ""}".TrimEnd());
        }
        catch (Exception e) when (e is HttpRequestException or ExecutionRejectedException || e is OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"Stripe could not be reached: {e.GetType().Name}");
        }
    }
}
