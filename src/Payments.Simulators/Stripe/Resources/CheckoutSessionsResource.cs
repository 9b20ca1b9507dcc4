using System.Globalization;
using System.Text.RegularExpressions;
using Payments.Simulators.Stripe.Account;
using Payments.Simulators.Stripe.Api;

namespace Payments.Simulators.Stripe.Resources;

/// <summary>
/// <c>/v1/checkout/sessions</c> in <c>payment</c> mode: create (<c>line_items[n][price]</c> or <c>line_items[n][price_data]</c>), retrieve,
/// list (filters <c>payment_intent</c>, <c>customer</c>, <c>status</c>), and <c>/v1/checkout/sessions/{id}/line_items</c> (Stripe's list of
/// <c>item</c>s, each with its price; <c>expand[]=data.price.product</c>). The customer pays on the control API
/// (<c>POST /_sim/checkout/sessions/{id}/complete</c>), as on Stripe's hosted page.
/// </summary>
sealed partial class CheckoutSessionsResource(StripeAccount account) : IStripeResource
{
    static readonly string[] LineFields = ["price", "quantity", "price_data"];
    static readonly string[] PriceDataFields = ["currency", "unit_amount", "product", "product_data"];
    static readonly string[] ProductDataFields = ["name", "description", "metadata"];

    public void Map(StripeRouteBuilder routes)
    {
        routes.Post("checkout.sessions.create", "/v1/checkout/sessions", Create);
        routes.Get("checkout.sessions.list", "/v1/checkout/sessions", request =>
            StripeAnswers.List(account, request, account.Newest("checkout.session")
                    .FilteredBy(request.Parameters, "payment_intent").FilteredBy(request.Parameters, "customer").FilteredBy(request.Parameters, "status"),
                "/v1/checkout/sessions", "checkout session", "payment_intent", "customer", "status"));
        routes.Get("checkout.sessions.retrieve", "/v1/checkout/sessions/{id}", request =>
            StripeAnswers.Object(account, request, account.Require("checkout.session", request.Route(), "checkout session")));
        routes.Get("checkout.sessions.line_items", "/v1/checkout/sessions/{id}/line_items", request =>
            StripeAnswers.List(account, request, account.LineItemsOf(request.Route()), $"/v1/checkout/sessions/{request.Route()}/line_items", "line item"));
    }

    StripeResponse Create(StripeRequest request)
    {
        var p = request.Parameters;
        p.Allow("mode", "line_items", "customer", "customer_email", "client_reference_id", "success_url", "cancel_url", "metadata", "payment_method_types", "expand");
        var mode = p.RequiredString("mode");
        if (mode != "payment")
            throw StripeErrors.Invalid("mode", $"The Stripe API fake models Checkout in payment mode only (got mode={mode}).");
        var session = account.CreateCheckoutSession(new CheckoutSessionFields
        {
            Lines = Lines(p),
            Customer = p.String("customer"), CustomerEmail = p.String("customer_email"), ClientReferenceId = p.String("client_reference_id"),
            SuccessUrl = p.String("success_url") ?? "https://shop.example/checkout/success", CancelUrl = p.String("cancel_url"),
            Metadata = MetadataUpdate.From(p),
        });
        return StripeAnswers.Object(account, request, session);
    }

    /// <summary><c>line_items[n][field]…</c>, as Stripe.net encodes a list of objects, into lines in index order.</summary>
    static List<CheckoutLine> Lines(StripeParameters p)
    {
        var fields = new SortedDictionary<int, Dictionary<string, string>>();
        foreach (var (key, value) in p.Pairs)
        {
            if (!key.StartsWith("line_items", StringComparison.Ordinal)) continue;
            var match = LineItemKey().Match(key);
            if (!match.Success) throw StripeErrors.Invalid(key, $"Invalid line_items parameter '{key}': expected line_items[n][field].");
            var index = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            var path = match.Groups[2].Value.Split("][");
            if (!LineFields.Contains(path[0])
                || (path[0] == "price_data" && (path.Length < 2 || !PriceDataFields.Contains(path[1])))
                || (path.Length > 2 && path[1] == "product_data" && !ProductDataFields.Contains(path[2])))
                throw StripeErrors.UnknownParameter(key);
            if (!fields.TryGetValue(index, out var line)) fields[index] = line = new Dictionary<string, string>(StringComparer.Ordinal);
            line[string.Join('.', path)] = value;
        }
        if (fields.Count == 0) throw StripeErrors.Missing("line_items");

        return [.. fields.Select(entry =>
        {
            var (index, line) = (entry.Key, entry.Value);
            long? Number(string name)
            {
                if (line.GetValueOrDefault(name) is not { Length: > 0 } text) return null;
                return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                    ? number
                    : throw StripeErrors.Invalid($"line_items[{index}][{name.Replace(".", "][", StringComparison.Ordinal)}]", $"Invalid integer: {text}", "parameter_invalid_integer");
            }
            const string MetadataPrefix = "price_data.product_data.metadata.";
            var metadata = line.Where(f => f.Key.StartsWith(MetadataPrefix, StringComparison.Ordinal))
                .ToDictionary(f => f.Key[MetadataPrefix.Length..], f => f.Value, StringComparer.Ordinal);
            return new CheckoutLine
            {
                Price = line.GetValueOrDefault("price") is { Length: > 0 } price ? price : null,
                Quantity = Number("quantity") ?? 1,
                UnitAmount = Number("price_data.unit_amount"),
                Currency = line.GetValueOrDefault("price_data.currency")?.ToLowerInvariant(),
                Product = line.GetValueOrDefault("price_data.product") is { Length: > 0 } product ? product : null,
                ProductName = line.GetValueOrDefault("price_data.product_data.name"),
                ProductMetadata = metadata.Count > 0 ? metadata : null,
            };
        })];
    }

    [GeneratedRegex(@"^line_items\[(\d+)\]\[(.+)\]$", RegexOptions.CultureInvariant)]
    private static partial Regex LineItemKey();
}
