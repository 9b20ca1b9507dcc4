using Payments.Simulators.Stripe.Account;
using Payments.Simulators.Stripe.Api;

namespace Payments.Simulators.Stripe.Resources;

/// <summary>
/// <c>/v1/payment_intents</c>: create (optionally <c>confirm=true</c>), retrieve, update, confirm, list (filter <c>customer</c>). A
/// declined confirmation answers 402 <c>card_error</c> with the PaymentIntent, as Stripe does.
/// </summary>
sealed class PaymentIntentsResource(StripeAccount account) : IStripeResource
{
    public void Map(StripeRouteBuilder routes)
    {
        routes.Post("payment_intents.create", "/v1/payment_intents", Create);
        routes.Get("payment_intents.list", "/v1/payment_intents", request =>
            StripeAnswers.List(account, request, account.Newest("payment_intent").FilteredBy(request.Parameters, "customer"), "/v1/payment_intents", "payment_intent", "customer"));
        routes.Get("payment_intents.retrieve", "/v1/payment_intents/{id}", request =>
        {
            request.Parameters.Allow("expand", "client_secret");
            return StripeAnswers.Object(account, request, account.Require("payment_intent", request.Route(), "payment_intent"));
        });
        routes.Post("payment_intents.update", "/v1/payment_intents/{id}", Update);
        routes.Post("payment_intents.confirm", "/v1/payment_intents/{id}/confirm", Confirm);
    }

    StripeResponse Create(StripeRequest request)
    {
        var p = request.Parameters;
        p.Allow("amount", "currency", "customer", "description", "receipt_email", "payment_method", "payment_method_types", "automatic_payment_methods",
            "confirm", "capture_method", "confirmation_method", "metadata", "statement_descriptor", "statement_descriptor_suffix", "off_session", "return_url",
            "setup_future_usage", "expand");
        if (p.OneOf("capture_method", "automatic", "automatic_async", "manual") == "manual")
            throw StripeErrors.Invalid("capture_method", "The Stripe API fake does not model manual capture.");
        var outcome = account.CreatePaymentIntent(new PaymentIntentFields
        {
            Amount = p.Long("amount", 1, 99_999_999) ?? throw StripeErrors.Missing("amount"),
            Currency = p.Currency() ?? throw StripeErrors.Missing("currency"),
            Customer = p.String("customer"), Description = p.String("description"), ReceiptEmail = p.String("receipt_email"),
            PaymentMethod = p.String("payment_method"), StatementDescriptor = p.String("statement_descriptor"), Metadata = MetadataUpdate.From(p),
            PaymentMethodTypes = p.List("payment_method_types") is { Count: > 0 } types ? types : null,
        }, confirm: p.Bool("confirm") == true);
        return Answer(request, outcome);
    }

    StripeResponse Update(StripeRequest request)
    {
        var p = request.Parameters;
        p.Allow("metadata", "description", "receipt_email", "expand");
        var intent = account.UpdatePaymentIntent(request.Route(), MetadataUpdate.From(p),
            p.Has("description") ? p.String("description") ?? "" : null, p.Has("receipt_email") ? p.String("receipt_email") ?? "" : null);
        return StripeAnswers.Object(account, request, intent);
    }

    StripeResponse Confirm(StripeRequest request)
    {
        var p = request.Parameters;
        p.Allow("payment_method", "receipt_email", "return_url", "off_session", "setup_future_usage", "expand");
        return Answer(request, account.ConfirmPaymentIntent(request.Route(), p.String("payment_method"), p.String("receipt_email")));
    }

    StripeResponse Answer(StripeRequest request, PaymentOutcome outcome) =>
        outcome.Declined ? StripeAccount.Declined(outcome) : StripeAnswers.Object(account, request, outcome.PaymentIntent);
}
