using Payments.Simulators.Stripe.Account;
using Payments.Simulators.Stripe.Api;

namespace Payments.Simulators.Stripe.Resources;

/// <summary><c>GET /v1/balance</c>: available and pending funds per currency.</summary>
sealed class BalanceResource(StripeAccount account) : IStripeResource
{
    public void Map(StripeRouteBuilder routes) => routes.Get("balance.retrieve", "/v1/balance", request =>
    {
        request.Parameters.Allow("expand");
        return StripeResponse.Ok(account.Balance());
    });
}
