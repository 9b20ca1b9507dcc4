using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Payments.Simulators.Stripe;

/// <summary>
/// A stateful stand-in for the part of Stripe's v1 API this integration calls (<c>GET/POST /v1/charges/{id}</c>),
/// served by Kestrel on 127.0.0.1 so Stripe.net talks to it over real HTTP (set <c>StripeClientOptions.ApiBase</c>
/// to <see cref="ApiBase"/>). It follows Stripe's documented rules for bearer-key auth, metadata merging and limits,
/// error bodies, and idempotency keys (same key + same parameters ⇒ the stored response replayed with
/// <c>Idempotent-Replayed: true</c>; same key + other parameters or endpoint ⇒ 400 <c>idempotency_error</c>).
/// Injected faults (<see cref="FailNext"/>) model failures before the request reaches Stripe's idempotency layer,
/// so they are not stored against the key and a retry with the same key executes.
/// </summary>
public sealed class StripeApiFake : IAsyncDisposable
{
    /// <summary>The id of the charge in Stripe's fixture, seeded unless <see cref="StripeApiFakeOptions.SeedFixtureCharge"/> is false.</summary>
    public const string FixtureChargeId = "ch_1PgafuB7WZ01zgkWXYmPNZs8";

    // Stripe's documented metadata limits.
    const int MaxMetadataKeys = 50, MaxMetadataKeyLength = 40, MaxMetadataValueLength = 500;

    static readonly HashSet<string> UpdatableChargeFields = ["description", "receipt_email"];

    readonly WebApplication _app;
    readonly StripeApiFakeOptions _options;
    readonly Lock _gate = new();
    readonly Dictionary<string, JsonObject> _charges = new(StringComparer.Ordinal);
    readonly Dictionary<string, StoredResponse> _idempotent = new(StringComparer.Ordinal);
    readonly List<StripeApiRequest> _requests = [];
    readonly Queue<int> _faults = new();

    StripeApiFake(WebApplication app, StripeApiFakeOptions options)
    {
        _app = app;
        _options = options;
    }

    /// <summary>Base address of the fake, e.g. <c>http://127.0.0.1:41234</c> (no trailing slash), for <c>Stripe:ApiBase</c>.</summary>
    public string ApiBase { get; private set; } = "";

    public static async Task<StripeApiFake> StartAsync(StripeApiFakeOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new StripeApiFakeOptions();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, options.Port));
        var app = builder.Build();
        var fake = new StripeApiFake(app, options);
        if (options.SeedFixtureCharge)
        {
            var fixtureCharge = StripeFixtures.Resource("charge");
            fake._charges[FixtureChargeId] = fixtureCharge;
        }
        app.Run(fake.HandleAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.ApiBase = address.TrimEnd('/');
        return fake;
    }

    /// <summary>Adds (or replaces) a charge built from <paramref name="spec"/>; returns its id.</summary>
    public string CreateCharge(ChargeSpec spec)
    {
        var json = spec.ToJson();
        lock (_gate) _charges[spec.Id] = json;
        return spec.Id;
    }

    /// <summary>A copy of the charge as the API would return it, or null.</summary>
    public JsonObject? GetCharge(string chargeId)
    {
        lock (_gate) return _charges.TryGetValue(chargeId, out var charge) ? (JsonObject)charge.DeepClone() : null;
    }

    public IReadOnlyDictionary<string, string> GetChargeMetadata(string chargeId)
    {
        var charge = GetCharge(chargeId) ?? throw new KeyNotFoundException($"No charge {chargeId} in the Stripe fake.");
        return (charge["metadata"] as JsonObject ?? [])
            .ToDictionary(kv => kv.Key, kv => kv.Value?.GetValue<string>() ?? "");
    }

    /// <summary>Every request answered so far, oldest first.</summary>
    public IReadOnlyList<StripeApiRequest> Requests
    {
        get { lock (_gate) return [.. _requests]; }
    }

    /// <summary>The next <paramref name="count"/> authenticated requests fail with <paramref name="statusCode"/> (500 ⇒ api_error, 429 ⇒ rate_limit).</summary>
    public void FailNext(int count, int statusCode = 500)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (_gate)
            for (var i = 0; i < count; i++) _faults.Enqueue(statusCode);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    async Task HandleAsync(HttpContext http)
    {
        var request = http.Request;
        var form = request.HasFormContentType
            ? (await request.ReadFormAsync(http.RequestAborted)).SelectMany(f => f.Value.Select(v => KeyValuePair.Create(f.Key, v ?? ""))).ToList()
            : [];
        string? idempotencyKey = request.Headers["Idempotency-Key"].FirstOrDefault();

        Response response;
        bool replayed = false, injected = false;
        lock (_gate)
        {
            if (Authenticate(request) is { } refusal)
                response = refusal;
            else if (_faults.TryDequeue(out var faultStatus))
            {
                response = Fault(faultStatus);
                injected = true;
            }
            else if (request.Method == HttpMethods.Post && idempotencyKey is not null)
                (response, replayed) = ExecuteIdempotent(request.Method, request.Path, form, idempotencyKey);
            else
                response = Execute(request.Method, request.Path, form);

            _requests.Add(new StripeApiRequest(DateTimeOffset.UtcNow, request.Method, request.Path.Value ?? "", idempotencyKey, form,
                response.Status, replayed, injected));
        }

        http.Response.StatusCode = response.Status;
        http.Response.ContentType = "application/json";
        http.Response.Headers["Request-Id"] = StripeIds.New("req");
        if (idempotencyKey is not null) http.Response.Headers["Idempotency-Key"] = idempotencyKey;
        if (replayed) http.Response.Headers["Idempotent-Replayed"] = "true";
        await http.Response.WriteAsync(response.Body, Encoding.UTF8, http.RequestAborted);
    }

    Response? Authenticate(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.FirstOrDefault();
        if (string.IsNullOrEmpty(authorization) || !authorization.StartsWith("Bearer ", StringComparison.Ordinal))
            return Error(401, "invalid_request_error",
                "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').");
        var key = authorization["Bearer ".Length..].Trim();
        var valid = _options.ApiKey is null ? key.StartsWith("sk_test_", StringComparison.Ordinal) && key.Length > "sk_test_".Length : key == _options.ApiKey;
        return valid ? null : Error(401, "invalid_request_error", $"Invalid API Key provided: {Redact(key)}", code: "api_key_invalid");
    }

    (Response Response, bool Replayed) ExecuteIdempotent(string method, PathString path, List<KeyValuePair<string, string>> form, string key)
    {
        var fingerprint = string.Join('&', form.OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
        if (_idempotent.TryGetValue(key, out var stored))
        {
            if (stored.Method != method || stored.Path != path.Value)
                return (Error(400, "idempotency_error",
                    $"Keys for idempotent requests can only be used for the same endpoint they were first used for ('{stored.Method} {stored.Path}'). Try using a key other than '{key}' if you meant to execute a different request."), false);
            if (stored.Fingerprint != fingerprint)
                return (Error(400, "idempotency_error",
                    $"Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '{key}' if you meant to execute a different request."), false);
            return (stored.Response, true);
        }

        var response = Execute(method, path, form);
        // Stripe saves nothing when parameters fail validation; such requests may be retried with the same key.
        if (!response.IsValidationError)
            _idempotent[key] = new StoredResponse(method, path.Value ?? "", fingerprint, response);
        return (response, false);
    }

    Response Execute(string method, PathString path, List<KeyValuePair<string, string>> form)
    {
        var segments = (path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments is ["v1", "charges", var chargeId])
        {
            if (method == HttpMethods.Get) return GetChargeResponse(chargeId);
            if (method == HttpMethods.Post) return UpdateCharge(chargeId, form);
        }
        return Error(404, "invalid_request_error", $"Unrecognized request URL ({method}: {path}). The Stripe API fake serves GET and POST /v1/charges/{{id}} only.");
    }

    Response GetChargeResponse(string chargeId) =>
        _charges.TryGetValue(chargeId, out var charge)
            ? new Response(200, charge.ToJsonString())
            : MissingCharge(chargeId);

    Response UpdateCharge(string chargeId, List<KeyValuePair<string, string>> form)
    {
        if (!_charges.TryGetValue(chargeId, out var charge)) return MissingCharge(chargeId);

        var metadata = (JsonObject)(charge["metadata"] as JsonObject ?? []).DeepClone();
        var fields = new Dictionary<string, string>();
        foreach (var (name, value) in form)
        {
            if (name == "metadata")
            {
                // "metadata=" (empty) unsets every key, as in Stripe.
                if (value.Length != 0) return ValidationError("metadata", "Invalid metadata: must be a hash of key-value pairs.");
                metadata.Clear();
            }
            else if (name.StartsWith("metadata[", StringComparison.Ordinal) && name.EndsWith(']'))
            {
                var key = name["metadata[".Length..^1];
                if (key.Length == 0 || key.Contains('[') || key.Contains(']'))
                    return ValidationError(name, $"Invalid metadata key '{key}'.");
                if (key.Length > MaxMetadataKeyLength)
                    return ValidationError(name, $"Metadata keys can have up to {MaxMetadataKeyLength} characters; '{key}' has {key.Length}.");
                if (value.Length > MaxMetadataValueLength)
                    return ValidationError(name, $"Metadata values can have up to {MaxMetadataValueLength} characters; the value for '{key}' has {value.Length}.");
                // An empty value unsets the key; other keys are kept (merge, not replace).
                if (value.Length == 0) metadata.Remove(key);
                else metadata[key] = value;
            }
            else if (UpdatableChargeFields.Contains(name))
                fields[name] = value;
            else
                return ValidationError(name, $"Received unknown parameter: {name}");
        }
        if (metadata.Count > MaxMetadataKeys)
            return ValidationError("metadata", $"Metadata can have up to {MaxMetadataKeys} keys; this update would leave {metadata.Count}.");

        charge["metadata"] = metadata;
        foreach (var (name, value) in fields)
            charge[name] = value.Length == 0 ? null : value;
        return new Response(200, charge.ToJsonString());
    }

    static Response MissingCharge(string chargeId) =>
        Error(404, "invalid_request_error", $"No such charge: '{chargeId}'", code: "resource_missing", param: "id");

    static Response Fault(int status) => status switch
    {
        429 => Error(429, "invalid_request_error", "Request rate limit exceeded (injected by the Stripe API fake).", code: "rate_limit"),
        >= 500 => Error(status, "api_error", "An unknown error occurred (injected by the Stripe API fake)."),
        _ => Error(status, "invalid_request_error", "Injected error from the Stripe API fake."),
    };

    static Response ValidationError(string param, string message) =>
        Error(400, "invalid_request_error", message, param: param) with { IsValidationError = true };

    static Response Error(int status, string type, string message, string? code = null, string? param = null)
    {
        var error = new JsonObject { ["type"] = type, ["message"] = message };
        if (code is not null) error["code"] = code;
        if (param is not null) error["param"] = param;
        return new Response(status, new JsonObject { ["error"] = error }.ToJsonString());
    }

    static string Redact(string key) => key.Length <= 12 ? "****" : $"{key[..8]}****{key[^4..]}";

    sealed record Response(int Status, string Body)
    {
        public bool IsValidationError { get; init; }
    }

    sealed record StoredResponse(string Method, string Path, string Fingerprint, Response Response);
}
