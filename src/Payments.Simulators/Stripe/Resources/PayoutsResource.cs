using Payments.Simulators.Stripe.Account;
using Payments.Simulators.Stripe.Api;

namespace Payments.Simulators.Stripe.Resources;

/// <summary>
/// <c>/v1/payouts</c>: retrieve, list (filter <c>status</c>), and manual payouts of the available balance. Automatic payouts, the ones
/// that group balance transactions, are run by the control API (<c>POST /_sim/payouts</c>) or <see cref="StripeAccount.RunPayouts"/>.
/// </summary>
sealed class PayoutsResource(StripeAccount account) : IStripeResource
{
    public void Map(StripeRouteBuilder routes)
    {
        routes.Post("payouts.create", "/v1/payouts", Create);
        routes.Get("payouts.list", "/v1/payouts", request =>
            StripeAnswers.List(account, request, account.Newest("payout").FilteredBy(request.Parameters, "status"), "/v1/payouts", "payout", "status"));
        routes.Get("payouts.retrieve", "/v1/payouts/{id}", request => StripeAnswers.Object(account, request, account.Require("payout", request.Route(), "payout")));
    }

    StripeResponse Create(StripeRequest request)
    {
        var p = request.Parameters;
        p.Allow("amount", "currency", "description", "statement_descriptor", "metadata", "method", "expand");
        if (p.OneOf("method", "standard", "instant") == "instant") throw StripeErrors.Invalid("method", "The Stripe API fake does not model instant payouts.");
        var payout = account.CreatePayout(p.Long("amount", 1) ?? throw StripeErrors.Missing("amount"), p.Currency() ?? throw StripeErrors.Missing("currency"),
            p.String("description"), p.String("statement_descriptor"), MetadataUpdate.From(p));
        return StripeAnswers.Object(account, request, payout);
    }
}
