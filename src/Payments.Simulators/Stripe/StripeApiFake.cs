using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Payments.Simulators.Shared.Faults;
using Payments.Simulators.Shared.Hosting;
using Payments.Simulators.Shared.Routing;
using Payments.Simulators.Stripe.Account;
using Payments.Simulators.Stripe.Api;
using Payments.Simulators.Stripe.Control;
using Payments.Simulators.Stripe.Resources;
using Payments.Simulators.Stripe.Webhooks;

namespace Payments.Simulators.Stripe;

/// <summary>
/// A stateful stand-in for the part of Stripe's v1 API the flows call — charges, payment intents, customers, products and prices,
/// Checkout Sessions with their line items, refunds, payouts, balance transactions, balance, events — served by Kestrel so Stripe.net
/// talks to it over real HTTP (set <c>StripeClientOptions.ApiBase</c> to <see cref="ApiBase"/>). It follows Stripe's documented rules for bearer-key auth, list pagination, <c>expand[]</c>, metadata
/// merging and limits, error bodies, and idempotency keys (same key + same parameters ⇒ the stored response replayed with
/// <c>Idempotent-Replayed: true</c>; same key + other parameters or endpoint ⇒ 400 <c>idempotency_error</c>). Changes emit Stripe's
/// events, kept in <c>/v1/events</c> and sent, signed, to <see cref="Webhooks"/>' endpoint. Injected faults (<see cref="FailNext"/>,
/// <see cref="Simulator.Faults"/>, <see cref="StripeFaults"/>) strike after the key check; a server error on a POST with a key is stored
/// against it and replayed with <c>Stripe-Should-Retry: false</c>, other statuses are answered before the idempotency layer and stored
/// nowhere. <see cref="Writes"/> counts the changes applied, whatever the client saw. Objects live in <see cref="Account"/>; the control API is under <see cref="Simulator.ControlUrl"/>.
/// </summary>
public sealed class StripeApiFake : Simulator
{
    /// <summary>The id of the charge in Stripe's fixture, seeded unless <see cref="StripeApiFakeOptions.SeedFixtureCharge"/> is false.</summary>
    public const string FixtureChargeId = "ch_1PgafuB7WZ01zgkWXYmPNZs8";

    readonly StripeApiFakeOptions _options;
    readonly StripeIdempotency _idempotency;

    StripeApiFake(StripeApiFakeOptions options, TimeProvider time) : base("Stripe", time)
    {
        _options = options;
        _idempotency = new StripeIdempotency(options.IdempotencyKeyLifetime, time);
        Account = new StripeAccount(options, time);
        if (options.SeedFixtureCharge) Account.SeedFixtureCharge();
        if (options.SeedBillingCatalog) Account.SeedBillingCatalog();
    }

    /// <summary>Base address of the fake, e.g. <c>http://127.0.0.1:41234</c> (no trailing slash), for <c>Stripe:ApiBase</c>; the same as <see cref="Simulator.BaseUrl"/>.</summary>
    public string ApiBase => BaseUrl;

    /// <summary>The simulated account: every object, the operations that create them, and the events.</summary>
    public StripeAccount Account { get; }

    /// <summary>Where events are sent (<see cref="StripeWebhookSender.Configure"/>) and how their deliveries went.</summary>
    public StripeWebhookSender Webhooks => Account.Webhooks;

    public static async Task<StripeApiFake> StartAsync(StripeApiFakeOptions? options = null, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        options ??= new StripeApiFakeOptions();
        var fake = new StripeApiFake(options, time ?? TimeProvider.System);
        try
        {
            await fake.ListenAsync(options.Host, options.Port, options.ConsoleLogging, cancellationToken);
        }
        catch
        {
            await fake.Webhooks.DisposeAsync();
            throw;
        }
        return fake;
    }

    /// <summary>Adds (or replaces) a succeeded charge built from <paramref name="spec"/>, with its balance transaction; returns its id.</summary>
    /// <param name="emitEvent">Also emit <c>charge.succeeded</c> (sent to the webhook endpoint when one is configured).</param>
    public string CreateCharge(ChargeSpec spec, bool emitEvent = false) => Account.AddCharge(spec, emitEvent);

    /// <summary>A copy of the charge as the API would return it, or null.</summary>
    public JsonObject? GetCharge(string chargeId) => Account.Get(chargeId) is { } found && (string?)found["object"] == "charge" ? found : null;

    public IReadOnlyDictionary<string, string> GetChargeMetadata(string chargeId)
    {
        var charge = GetCharge(chargeId) ?? throw new KeyNotFoundException($"No charge {chargeId} in the Stripe fake.");
        return (charge["metadata"] as JsonObject ?? [])
            .ToDictionary(kv => kv.Key, kv => kv.Value?.GetValue<string>() ?? "");
    }

    /// <summary>Every API request answered so far, in the order they arrived (a view of <see cref="Simulator.Calls"/>).</summary>
    public IReadOnlyList<StripeApiRequest> Requests =>
        [.. Calls.ByArrival.Select(c => new StripeApiRequest(c.At, c.Method, c.Path, c.RequestHeader("Idempotency-Key"), FormOf(c), c.StatusCode,
            c.ResponseHeader("Idempotent-Replayed") == "true", c.AnsweredByFault))];

    /// <summary>Every POST whose change the fake applied, whatever the client saw (<see cref="StripeWrite"/>), oldest first.</summary>
    public IReadOnlyList<StripeWrite> Writes => Account.Writes;

    /// <summary>
    /// The next <paramref name="count"/> authenticated requests fail with <paramref name="statusCode"/> (500 ⇒ api_error, 429 ⇒ rate_limit,
    /// 409 ⇒ idempotency_key_in_use). A <see cref="StripeApiFakeOptions.StoredServerErrors"/> status on a POST with an idempotency key is
    /// stored against the key and replayed, as Stripe does.
    /// </summary>
    public void FailNext(int count, int statusCode = 500)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count > 0) Faults.FailNext("*", Fault.Respond(statusCode), count);
    }

    /// <summary>The next <paramref name="count"/> calls of <paramref name="route"/> (e.g. <c>payment_intents.create</c>) are applied, then their connection is dropped.</summary>
    public void DropAfterApplying(string route, int count = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count > 0) Faults.FailNext(route, StripeFaults.DropAfterApplying(), count);
    }

    protected override void MapRoutes(SimulatorRouteBuilder routes) => new StripeRouteBuilder(routes, Account, _idempotency).Add(
        new ChargesResource(Account),
        new PaymentIntentsResource(Account),
        new CustomersResource(Account),
        new ProductsResource(Account),
        new SubscriptionsResource(Account),
        new CheckoutSessionsResource(Account),
        new RefundsResource(Account),
        new DisputesResource(Account),
        new EarlyFraudWarningsResource(Account),
        new BalanceTransactionsResource(Account),
        new BalanceResource(Account),
        new PayoutsResource(Account),
        new EventsResource(Account),
        new WebhookEndpointsResource(Account));

    protected override void MapControl(SimulatorRouteBuilder control) => control.Add(new StripeControlApi(Account, Time));

    protected override void UseBeforeFaults(IApplicationBuilder app) => app.Use(new StripeKeyCheck(_options.ApiKey).InvokeAsync);

    /// <summary>
    /// A server error on a POST with an idempotency key happened while Stripe executed the request: the route stores it against the key
    /// (docs/external-apis/stripe.md#idempotency). Other injected statuses answer before the idempotency layer and store nothing.
    /// </summary>
    protected override bool RouteAnswersFault(HttpContext http, Fault fault) =>
        fault.Status is { } status && _options.StoredServerErrorStatuses.Contains(status)
        && HttpMethods.IsPost(http.Request.Method) && http.Request.Headers.ContainsKey(StripeHeaders.IdempotencyKey)
        && http.GetEndpoint()?.Metadata.GetMetadata<SimulatorRoute>() is not null;

    protected override Task WriteFailureAsync(HttpContext http, int status, string? message)
    {
        var response = status switch
        {
            409 => StripeErrors.KeyInUse(message),
            429 => StripeErrors.Error(429, "invalid_request_error", message ?? "Request rate limit exceeded (injected by the Stripe API fake).", code: "rate_limit"),
            >= 500 => StripeErrors.Error(status, "api_error", message ?? "An unknown error occurred (injected by the Stripe API fake)."),
            _ => StripeErrors.Error(status, "invalid_request_error", message ?? "Injected error from the Stripe API fake."),
        };
        return WriteAsync(http, response);
    }

    protected override Task WriteNotFoundAsync(HttpContext http) => WriteAsync(http, StripeErrors.Error(404, "invalid_request_error",
        $"Unrecognized request URL ({http.Request.Method}: {http.Request.Path}). The Stripe API fake serves: {string.Join(", ", Routes.Select(r => $"{r.Method} {r.Pattern}").Distinct())}."));

    static Task WriteAsync(HttpContext http, StripeResponse response)
    {
        http.Response.StatusCode = response.Status;
        http.Response.ContentType = "application/json";
        http.Response.Headers[StripeHeaders.RequestId] = StripeIds.New("req");
        foreach (var (name, value) in response.Headers) http.Response.Headers[name] = value;
        return http.Response.WriteAsync(response.Body.ToJsonString(), Encoding.UTF8);
    }

    static IReadOnlyList<KeyValuePair<string, string>> FormOf(Shared.Calls.SimulatorCall call)
    {
        if (call.RequestBody is null || call.RequestHeader("Content-Type")?.Contains("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) != true)
            return [];
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var pair in new QueryStringEnumerable(call.RequestBody))
            pairs.Add(KeyValuePair.Create(pair.DecodeName().ToString(), pair.DecodeValue().ToString()));
        return pairs;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Webhooks.DisposeAsync();
    }
}
