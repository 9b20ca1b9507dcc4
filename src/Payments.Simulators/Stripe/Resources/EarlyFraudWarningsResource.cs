using Payments.Simulators.Stripe.Account;
using Payments.Simulators.Stripe.Api;

namespace Payments.Simulators.Stripe.Resources;

/// <summary><c>/v1/radar/early_fraud_warnings</c>: retrieve, list (filters <c>charge</c>, <c>payment_intent</c>). Warnings come from the early-fraud-warning test card.</summary>
sealed class EarlyFraudWarningsResource(StripeAccount account) : IStripeResource
{
    public void Map(StripeRouteBuilder routes)
    {
        routes.Get("radar.early_fraud_warnings.list", "/v1/radar/early_fraud_warnings", request =>
            StripeAnswers.List(account, request,
                account.Newest("radar.early_fraud_warning").FilteredBy(request.Parameters, "charge").FilteredBy(request.Parameters, "payment_intent"),
                "/v1/radar/early_fraud_warnings", "radar.early_fraud_warning", "charge", "payment_intent"));
        routes.Get("radar.early_fraud_warnings.retrieve", "/v1/radar/early_fraud_warnings/{id}", request =>
            StripeAnswers.Object(account, request, account.Require("radar.early_fraud_warning", request.Route(), "radar.early_fraud_warning")));
    }
}
