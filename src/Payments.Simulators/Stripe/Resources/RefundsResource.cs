using Payments.Simulators.Stripe.Account;
using Payments.Simulators.Stripe.Api;

namespace Payments.Simulators.Stripe.Resources;

/// <summary><c>/v1/refunds</c>: create (whole or partial, repeated up to the charge's amount), retrieve, update metadata, list (filters <c>charge</c>, <c>payment_intent</c>).</summary>
sealed class RefundsResource(StripeAccount account) : IStripeResource
{
    public void Map(StripeRouteBuilder routes)
    {
        routes.Post("refunds.create", "/v1/refunds", Create);
        routes.Get("refunds.list", "/v1/refunds", request =>
            StripeAnswers.List(account, request, account.Newest("refund").FilteredBy(request.Parameters, "charge").FilteredBy(request.Parameters, "payment_intent"),
                "/v1/refunds", "refund", "charge", "payment_intent"));
        routes.Get("refunds.retrieve", "/v1/refunds/{id}", request => StripeAnswers.Object(account, request, account.Require("refund", request.Route(), "refund")));
        routes.Post("refunds.update", "/v1/refunds/{id}", request =>
        {
            request.Parameters.Allow("metadata", "expand");
            var metadata = MetadataUpdate.From(request.Parameters) ?? new MetadataUpdate(false, []);
            return StripeAnswers.Object(account, request, account.UpdateRefund(request.Route(), metadata));
        });
    }

    StripeResponse Create(StripeRequest request)
    {
        var p = request.Parameters;
        p.Allow("charge", "payment_intent", "amount", "reason", "metadata", "expand");
        var refund = account.CreateRefund(p.String("charge"), p.String("payment_intent"), p.Long("amount"), p.String("reason"), MetadataUpdate.From(p));
        return StripeAnswers.Object(account, request, refund);
    }
}
