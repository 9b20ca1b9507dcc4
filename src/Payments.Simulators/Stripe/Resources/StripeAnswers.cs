using System.Text.Json.Nodes;
using Payments.Simulators.Stripe.Account;
using Payments.Simulators.Stripe.Api;

namespace Payments.Simulators.Stripe.Resources;

/// <summary>How the resources answer with one object or a list, applying <c>expand[]</c>. Callers hold the account's lock.</summary>
static class StripeAnswers
{
    public static StripeResponse Object(StripeAccount account, StripeRequest request, JsonObject obj) =>
        StripeResponse.Ok(StripeExpansion.Apply(obj.DeepClone().AsObject(), request.Expand, account.Find));

    /// <summary>A page of <paramref name="newestFirst"/>, after checking that only list parameters and <paramref name="filters"/> were sent.</summary>
    public static StripeResponse List(StripeAccount account, StripeRequest request, IEnumerable<JsonObject> newestFirst, string url, string objectName, params string[] filters)
    {
        request.Parameters.Allow([.. StripeList.Parameters, .. filters]);
        var page = StripeList.Page(newestFirst, request.Parameters, url, objectName);
        return StripeResponse.Ok(StripeExpansion.Apply(page, request.Expand, account.Find));
    }

    /// <summary>Objects whose field equals the filter parameter of the same name, when the parameter was sent.</summary>
    public static IEnumerable<JsonObject> FilteredBy(this IEnumerable<JsonObject> objects, StripeParameters parameters, string field)
    {
        var value = parameters.String(field);
        return value is null ? objects : objects.Where(o => (string?)o[field] == value);
    }

    public static IEnumerable<JsonObject> NotDeleted(this IEnumerable<JsonObject> objects) => objects.Where(o => o["deleted"] is null);
}
