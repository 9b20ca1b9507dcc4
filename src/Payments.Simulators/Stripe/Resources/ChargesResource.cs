using Payments.Simulators.Stripe.Account;
using Payments.Simulators.Stripe.Api;

namespace Payments.Simulators.Stripe.Resources;

/// <summary>
/// <c>/v1/charges</c>: create on a test token (Charges API), retrieve, update (metadata merged as Stripe does, description,
/// receipt e-mail), list (filters <c>customer</c>, <c>payment_intent</c>).
/// </summary>
sealed class ChargesResource(StripeAccount account) : IStripeResource
{
    public void Map(StripeRouteBuilder routes)
    {
        routes.Post("charges.create", "/v1/charges", Create);
        routes.Get("charges.list", "/v1/charges", request =>
            StripeAnswers.List(account, request, account.Newest("charge").FilteredBy(request.Parameters, "customer").FilteredBy(request.Parameters, "payment_intent"),
                "/v1/charges", "charge", "customer", "payment_intent"));
        routes.Get("charges.retrieve", "/v1/charges/{id}", request => StripeAnswers.Object(account, request, account.Require("charge", request.Route(), "charge")));
        routes.Post("charges.update", "/v1/charges/{id}", Update);
    }

    StripeResponse Create(StripeRequest request)
    {
        var p = request.Parameters;
        p.Allow("amount", "currency", "source", "customer", "description", "metadata", "receipt_email", "capture", "statement_descriptor", "statement_descriptor_suffix", "expand");
        if (p.Bool("capture") == false) throw StripeErrors.Invalid("capture", "The Stripe API fake does not model uncaptured charges (capture=false).");
        var fields = new ChargeFields
        {
            Amount = p.Long("amount", 1, 99_999_999) ?? throw StripeErrors.Missing("amount"),
            Currency = p.Currency() ?? throw StripeErrors.Missing("currency"),
            Customer = p.String("customer"), Description = p.String("description"), ReceiptEmail = p.String("receipt_email"),
            StatementDescriptor = p.String("statement_descriptor"), Metadata = MetadataUpdate.From(p),
        };
        var charge = account.CreateCharge(fields, p.RequiredString("source"));
        return (string?)charge["status"] == "failed" ? StripeAccount.Declined(charge) : StripeAnswers.Object(account, request, charge);
    }

    StripeResponse Update(StripeRequest request)
    {
        var p = request.Parameters;
        p.Allow("metadata", "description", "receipt_email", "expand");
        var charge = account.UpdateCharge(request.Route(), MetadataUpdate.From(p), Sent(p, "description"), Sent(p, "receipt_email"));
        return StripeAnswers.Object(account, request, charge);
    }

    /// <summary>The value sent, "" when sent empty (unset), null when not sent.</summary>
    static string? Sent(StripeParameters p, string name) => p.Has(name) ? p.String(name) ?? "" : null;
}
