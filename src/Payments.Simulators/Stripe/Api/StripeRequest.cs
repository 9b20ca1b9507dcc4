using Microsoft.AspNetCore.Routing;

namespace Payments.Simulators.Stripe.Api;

/// <summary>One call as a Stripe resource handler sees it.</summary>
public sealed record StripeRequest(string Method, string Path, StripeParameters Parameters, RouteValueDictionary RouteValues, string RequestId, string? IdempotencyKey)
{
    /// <summary>A route value, e.g. the <c>{id}</c> of <c>/v1/charges/{id}</c>.</summary>
    public string Route(string name = "id") => RouteValues[name] as string ?? throw new InvalidOperationException($"The route has no {{{name}}}.");

    public IReadOnlyList<string> Expand => Parameters.List("expand");
}

/// <summary>A Stripe resource handler: runs under the account's lock and answers with an object, a list or an error.</summary>
public delegate StripeResponse StripeHandler(StripeRequest request);
