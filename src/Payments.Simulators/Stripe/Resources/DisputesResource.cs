using Payments.Simulators.Stripe.Account;
using Payments.Simulators.Stripe.Api;

namespace Payments.Simulators.Stripe.Resources;

/// <summary>
/// <c>/v1/disputes</c>: retrieve, list (filters <c>charge</c>, <c>payment_intent</c>), update (metadata, evidence, <c>submit</c>; test-mode
/// evidence decides the outcome), close (accept: lost). Disputes are opened by the dispute test cards.
/// </summary>
sealed class DisputesResource(StripeAccount account) : IStripeResource
{
    /// <summary>The text evidence fields; file evidence (uploads) is not modelled.</summary>
    static readonly string[] EvidenceFields =
    [
        "access_activity_log", "billing_address", "cancellation_policy_disclosure", "cancellation_rebuttal", "customer_email_address",
        "customer_name", "customer_purchase_ip", "duplicate_charge_explanation", "duplicate_charge_id", "product_description",
        "refund_policy_disclosure", "refund_refusal_explanation", "service_date", "shipping_address", "shipping_carrier", "shipping_date",
        "shipping_tracking_number", "uncategorized_text",
    ];

    public void Map(StripeRouteBuilder routes)
    {
        routes.Get("disputes.list", "/v1/disputes", request =>
            StripeAnswers.List(account, request, account.Newest("dispute").FilteredBy(request.Parameters, "charge").FilteredBy(request.Parameters, "payment_intent"),
                "/v1/disputes", "dispute", "charge", "payment_intent"));
        routes.Get("disputes.retrieve", "/v1/disputes/{id}", request => StripeAnswers.Object(account, request, account.Require("dispute", request.Route(), "dispute")));
        routes.Post("disputes.update", "/v1/disputes/{id}", request =>
        {
            var p = request.Parameters;
            p.Allow("evidence", "metadata", "submit", "expand");
            var dispute = account.UpdateDispute(request.Route(), p.Nested("evidence", EvidenceFields), MetadataUpdate.From(p), p.Bool("submit") ?? true);
            return StripeAnswers.Object(account, request, dispute);
        });
        routes.Post("disputes.close", "/v1/disputes/{id}/close", request =>
        {
            request.Parameters.Allow("expand");
            return StripeAnswers.Object(account, request, account.AcceptDispute(request.Route()));
        });
    }
}
