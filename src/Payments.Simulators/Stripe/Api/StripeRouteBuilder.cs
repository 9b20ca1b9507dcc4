using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Payments.Simulators.Shared.Faults;
using Payments.Simulators.Shared.Routing;
using Payments.Simulators.Stripe.Account;
using Stripe;

namespace Payments.Simulators.Stripe.Api;

/// <summary>
/// Registers <see cref="StripeHandler"/>s on the shared routing: reads the parameters (form body for POST, query otherwise), runs the
/// handler under the account's lock (POSTs with an <c>Idempotency-Key</c> through <see cref="StripeIdempotency"/>), and writes the
/// answer with Stripe's headers (<c>Request-Id</c>, <c>Idempotency-Key</c>, <c>Idempotent-Replayed</c>, <c>Stripe-Version</c>).
/// </summary>
public sealed class StripeRouteBuilder
{
    readonly SimulatorRouteBuilder _routes;
    readonly StripeAccount _account;
    readonly StripeIdempotency _idempotency;

    internal StripeRouteBuilder(SimulatorRouteBuilder routes, StripeAccount account, StripeIdempotency idempotency)
    {
        _routes = routes;
        _account = account;
        _idempotency = idempotency;
    }

    public void Get(string name, string pattern, StripeHandler handler) => _routes.Get(name, pattern, Adapt(handler));
    public void Post(string name, string pattern, StripeHandler handler) => _routes.Post(name, pattern, Adapt(handler));
    public void Delete(string name, string pattern, StripeHandler handler) => _routes.Delete(name, pattern, Adapt(handler));

    public StripeRouteBuilder Add(params IEnumerable<IStripeResource> resources)
    {
        foreach (var resource in resources) resource.Map(this);
        return this;
    }

    RequestDelegate Adapt(StripeHandler handler) => async http =>
    {
        var request = http.Request;
        var pairs = request.HasFormContentType
            ? (await request.ReadFormAsync(http.RequestAborted)).SelectMany(f => f.Value.Select(v => KeyValuePair.Create(f.Key, v ?? ""))).ToList()
            : request.Query.SelectMany(q => q.Value.Select(v => KeyValuePair.Create(q.Key, v ?? ""))).ToList();
        var key = request.Headers["Idempotency-Key"].FirstOrDefault();
        var call = new StripeRequest(request.Method, request.Path.Value ?? "", new StripeParameters(pairs), request.RouteValues, StripeIds.New("req"), key);

        StripeResponse response;
        var replayed = false;
        lock (_account.Gate)
        {
            using var origin = _account.BeginRequest(call.RequestId, key);
            if (HttpMethods.IsPost(call.Method) && key is not null)
                (response, replayed) = _idempotency.Execute(call.Method, call.Path, call.Parameters, key, () => Run(handler, call));
            else
                response = Run(handler, call);
        }

        if (http.Features.Get<InjectedFault>()?.Fault is { Effect: StripeApiFake.DropAfterApplyingEffect })
        {
            // The call was applied (and its answer stored against its key); the client never hears of it.
            http.Abort();
            return;
        }

        http.Response.StatusCode = response.Status;
        http.Response.ContentType = "application/json";
        http.Response.Headers["Request-Id"] = call.RequestId;
        http.Response.Headers["Stripe-Version"] = StripeConfiguration.ApiVersion;
        if (key is not null) http.Response.Headers["Idempotency-Key"] = key;
        if (replayed) http.Response.Headers["Idempotent-Replayed"] = "true";
        await http.Response.WriteAsync(response.Body.ToJsonString(), Encoding.UTF8, http.RequestAborted);
    };

    static StripeResponse Run(StripeHandler handler, StripeRequest request)
    {
        try
        {
            return handler(request);
        }
        catch (StripeApiException e)
        {
            return e.Response;
        }
    }
}
