using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Payments.Simulators.Shared.Faults;
using Payments.Simulators.Shared.Hosting;
using Payments.Simulators.Shared.Routing;
using Payments.Simulators.Stripe.Account;
using Stripe;

namespace Payments.Simulators.Stripe.Api;

/// <summary>
/// Registers <see cref="StripeHandler"/>s on the shared routing: reads the parameters (form body for POST, query otherwise), runs the
/// handler under the account's lock (POSTs with an <c>Idempotency-Key</c> through <see cref="StripeIdempotency"/>), applies the Stripe
/// faults that strike inside the API (<see cref="StripeFaults"/>, and an injected server error stored against the key), and writes the
/// answer with Stripe's headers (<c>Request-Id</c>, <c>Idempotency-Key</c>, <c>Idempotent-Replayed</c>, <c>Stripe-Version</c>,
/// <c>Stripe-Should-Retry</c> where Stripe gives its verdict).
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
        var key = request.Headers[StripeHeaders.IdempotencyKey].FirstOrDefault();
        var call = new StripeRequest(request.Method, request.Path.Value ?? "", new StripeParameters(pairs), request.RouteValues, StripeIds.New("req"), key);
        var fault = http.Features.Get<InjectedFault>()?.Fault;

        StripeResponse response;
        var replayed = false;
        if (Conflict(fault) is { } conflict)
            response = conflict; // refused before the idempotency layer: nothing stored, the key may be used again
        else
        {
            lock (_account.Gate)
            {
                using var origin = _account.BeginRequest(call.RequestId, key);
                if (HttpMethods.IsPost(call.Method) && key is not null)
                    (response, replayed) = _idempotency.Execute(call.Method, call.Path, call.Parameters, key, () => Execute(handler, call, fault));
                else
                    response = Execute(handler, call, fault);
            }
        }

        if (fault?.Effect == StripeFaults.Effects.DropAfterApplying)
        {
            Simulator.DropConnection(http);
            return;
        }
        http.Response.StatusCode = response.Status;
        http.Response.ContentType = "application/json";
        http.Response.Headers[StripeHeaders.RequestId] = call.RequestId;
        http.Response.Headers[StripeHeaders.Version] = StripeConfiguration.ApiVersion;
        if (key is not null) http.Response.Headers[StripeHeaders.IdempotencyKey] = key;
        if (replayed) http.Response.Headers[StripeHeaders.IdempotentReplayed] = "true";
        foreach (var (name, value) in response.Headers) http.Response.Headers[name] = value;
        await http.Response.WriteAsync(response.Body.ToJsonString(), Encoding.UTF8, http.RequestAborted);
    };

    /// <summary>What runs inside the idempotency layer: the handler, or an injected server error in its place or after it.</summary>
    StripeResponse Execute(StripeHandler handler, StripeRequest request, Fault? fault)
    {
        // An injected status reaches the route only when Stripe would store it (StripeApiFake.RouteAnswersFault).
        if (fault?.Status is { } status)
            return ServerError(status, fault);
        var response = Run(handler, request);
        if (HttpMethods.IsPost(request.Method) && response.Status < 400)
            _account.RecordWrite(request.Method, request.Path, request.RequestId, request.IdempotencyKey);
        return fault?.Effect == StripeFaults.Effects.FailAfterApplying && response.Status < 400 ? ServerError(500, fault) : response;
    }

    /// <summary>Stripe's 500: stored against the key, so Stripe says a retry with the same key cannot succeed.</summary>
    static StripeResponse ServerError(int status, Fault fault)
    {
        var error = fault.Body is { } body
            ? new StripeResponse(status, JsonNode.Parse(body) ?? new JsonObject())
            : StripeErrors.Error(status, "api_error", fault.Message ?? "An unknown error occurred (injected by the Stripe API fake).");
        var headers = new Dictionary<string, string> { [StripeHeaders.ShouldRetry] = "false" };
        foreach (var (name, value) in fault.Headers) headers[name] = value;
        return error with { Headers = headers };
    }

    /// <summary>The conflicts Stripe answers before its idempotency layer (docs/external-apis/stripe.md#idempotency): nothing runs, nothing is stored.</summary>
    static StripeResponse? Conflict(Fault? fault) => fault?.Effect switch
    {
        StripeFaults.Effects.LockTimeout => StripeErrors.Error(429, "invalid_request_error",
            fault.Message ?? "This object cannot be accessed right now because another API request or Stripe process is currently accessing it. If you see this error intermittently, retry the request.",
            code: "lock_timeout").WithShouldRetry(true),
        StripeFaults.Effects.IdempotencyKeyInUse => StripeErrors.KeyInUse(fault.Message),
        _ => null,
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
