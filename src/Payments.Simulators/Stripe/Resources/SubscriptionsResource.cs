using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Payments.Simulators.Stripe.Account;
using Payments.Simulators.Stripe.Api;

namespace Payments.Simulators.Stripe.Resources;

/// <summary>
/// Stripe Billing: <c>/v1/subscriptions</c> (create, retrieve, list by <c>customer</c>/<c>status</c>, update with items and prorations,
/// cancel), <c>/v1/invoices</c> (retrieve, list by <c>customer</c>/<c>subscription</c>/<c>status</c>, <c>/lines</c> paged in invoice
/// order, <c>/pay</c>, <c>/void</c>) and <c>/v1/invoice_payments</c> (list by <c>invoice</c> or <c>payment[payment_intent]</c>, retrieve).
/// </summary>
sealed partial class SubscriptionsResource(StripeAccount account) : IStripeResource
{
    public void Map(StripeRouteBuilder routes)
    {
        routes.Post("subscriptions.create", "/v1/subscriptions", request =>
        {
            var p = request.Parameters;
            p.Allow("customer", "items", "default_payment_method", "cancel_at_period_end", "metadata", "payment_behavior", "proration_behavior", "collection_method", "expand");
            if (p.String("collection_method") is { } collection && collection != "charge_automatically")
                throw StripeErrors.Invalid("collection_method", "The fake models collection_method=charge_automatically only.");
            return StripeAnswers.Object(account, request, account.CreateSubscription(new SubscriptionFields
            {
                Customer = p.RequiredString("customer"),
                Items = [.. Items(p).Select(i => new SubscriptionItemFields(
                    i.Value.GetValueOrDefault("price") ?? throw StripeErrors.Missing($"items[{i.Key}][price]"), Number(i, "quantity") ?? 1))],
                DefaultPaymentMethod = p.String("default_payment_method"),
                CancelAtPeriodEnd = p.Bool("cancel_at_period_end") ?? false,
                Metadata = MetadataUpdate.From(p),
            }));
        });
        routes.Get("subscriptions.list", "/v1/subscriptions", request =>
        {
            // Stripe lists the subscriptions that have not ended unless a status (or "all") is asked for.
            var status = request.Parameters.String("status");
            var subscriptions = account.Newest("subscription").FilteredBy(request.Parameters, "customer")
                .Where(s => status switch
                {
                    null => (string?)s["status"] is not ("canceled" or "incomplete_expired"),
                    "all" => true,
                    _ => (string?)s["status"] == status,
                });
            return StripeAnswers.List(account, request, subscriptions, "/v1/subscriptions", "subscription", "customer", "status");
        });
        routes.Get("subscriptions.retrieve", "/v1/subscriptions/{id}", request =>
            StripeAnswers.Object(account, request, account.Require("subscription", request.Route(), "subscription")));
        routes.Post("subscriptions.update", "/v1/subscriptions/{id}", request =>
        {
            var p = request.Parameters;
            p.Allow("items", "proration_behavior", "proration_date", "cancel_at_period_end", "default_payment_method", "metadata", "payment_behavior", "expand");
            return StripeAnswers.Object(account, request, account.UpdateSubscription(request.Route(), new SubscriptionChange
            {
                Items = [.. Items(p).Select(i => new SubscriptionItemChange(
                    i.Value.GetValueOrDefault("id"), i.Value.GetValueOrDefault("price"), Number(i, "quantity"),
                    i.Value.GetValueOrDefault("deleted") == "true"))],
                ProrationBehavior = p.String("proration_behavior"),
                ProrationDate = p.Long("proration_date", 0),
                CancelAtPeriodEnd = p.Bool("cancel_at_period_end"),
                DefaultPaymentMethod = p.String("default_payment_method"),
                Metadata = MetadataUpdate.From(p),
            }));
        });
        routes.Delete("subscriptions.cancel", "/v1/subscriptions/{id}", request =>
        {
            request.Parameters.Allow("invoice_now", "prorate", "cancellation_details", "expand");
            return StripeAnswers.Object(account, request, account.CancelSubscription(request.Route()));
        });

        routes.Get("invoices.list", "/v1/invoices", request =>
        {
            var subscription = request.Parameters.String("subscription");
            var invoices = account.Newest("invoice").FilteredBy(request.Parameters, "customer").FilteredBy(request.Parameters, "status")
                .Where(i => subscription is null || StripeAccount.SubscriptionOf(i) == subscription);
            return StripeAnswers.List(account, request, invoices, "/v1/invoices", "invoice", "customer", "subscription", "status");
        });
        routes.Get("invoices.retrieve", "/v1/invoices/{id}", request =>
            StripeAnswers.Object(account, request, account.Require("invoice", request.Route(), "invoice")));
        routes.Get("invoices.lines", "/v1/invoices/{id}/lines", request =>
            StripeAnswers.List(account, request, account.LinesOf(request.Route()), $"/v1/invoices/{request.Route()}/lines", "line item"));
        routes.Post("invoices.pay", "/v1/invoices/{id}/pay", request =>
        {
            request.Parameters.Allow("payment_method", "off_session", "expand");
            return StripeAnswers.Object(account, request, account.PayInvoice(request.Route(), request.Parameters.String("payment_method")));
        });
        routes.Post("invoices.void", "/v1/invoices/{id}/void", request =>
        {
            request.Parameters.Allow("expand");
            return StripeAnswers.Object(account, request, account.VoidInvoice(request.Route()));
        });

        routes.Get("invoice_payments.list", "/v1/invoice_payments", request =>
        {
            var p = request.Parameters;
            var invoice = p.String("invoice");
            var intent = p.String("payment[payment_intent]");
            var payments = account.Newest("invoice_payment")
                .Where(ip => invoice is null || (string?)ip["invoice"] == invoice)
                .Where(ip => intent is null || (string?)ip["payment"]?["payment_intent"] == intent)
                .FilteredBy(p, "status");
            return StripeAnswers.List(account, request, payments, "/v1/invoice_payments", "invoice payment", "invoice", "payment", "status");
        });
        routes.Get("invoice_payments.retrieve", "/v1/invoice_payments/{id}", request =>
            StripeAnswers.Object(account, request, account.Require("invoice_payment", request.Route(), "invoice payment")));
    }

    /// <summary><c>items[n][field]</c>, as Stripe.net encodes a list of objects, in index order.</summary>
    static SortedDictionary<int, Dictionary<string, string>> Items(StripeParameters p)
    {
        var items = new SortedDictionary<int, Dictionary<string, string>>();
        foreach (var (key, value) in p.Pairs)
        {
            if (!key.StartsWith("items", StringComparison.Ordinal)) continue;
            var match = ItemKey().Match(key);
            if (!match.Success) throw StripeErrors.Invalid(key, $"Invalid items parameter '{key}': expected items[n][field].");
            var field = match.Groups[2].Value;
            if (field is not ("id" or "price" or "quantity" or "deleted")) throw StripeErrors.UnknownParameter(key);
            var index = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            if (!items.TryGetValue(index, out var item)) items[index] = item = new Dictionary<string, string>(StringComparer.Ordinal);
            item[field] = value;
        }
        return items;
    }

    static long? Number(KeyValuePair<int, Dictionary<string, string>> item, string field)
    {
        if (item.Value.GetValueOrDefault(field) is not { Length: > 0 } text) return null;
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw StripeErrors.Invalid($"items[{item.Key}][{field}]", $"Invalid integer: {text}", "parameter_invalid_integer");
    }

    [GeneratedRegex(@"^items\[(\d+)\]\[([a-z_]+)\]$", RegexOptions.CultureInvariant)]
    private static partial Regex ItemKey();
}
