using System.Diagnostics;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Payments.Simulators.Shared.Calls;
using Payments.Simulators.Shared.Control;
using Payments.Simulators.Shared.Faults;
using Payments.Simulators.Shared.Routing;

namespace Payments.Simulators.Shared.Hosting;

/// <summary>
/// What every simulator shares: a real Kestrel listener on a given address and port, resource handlers registered by route, the
/// request log, the fault model (<see cref="Faults"/>: next-N faults per route, outages) and the control API under
/// <see cref="ControlPrefix"/>. A simulator says which resources it serves, how its errors look and what it adds to the control API.
/// </summary>
/// <remarks>
/// Pipeline: record the call → outage → routing → <see cref="UseBeforeFaults"/> → injected fault → <see cref="UseAfterFaults"/> →
/// the route's handler (or <see cref="WriteNotFoundAsync"/>). Control API calls skip the log, outages and faults.
/// </remarks>
public abstract class Simulator : IAsyncDisposable
{
    /// <summary>Where the control and inspection API lives on every simulator.</summary>
    public const string ControlPrefix = "/_sim";

    const int MaxLoggedBodyChars = 64 * 1024;

    readonly List<SimulatorRoute> _routes = [];
    readonly List<SimulatorRoute> _controlRoutes = [];
    WebApplication? _app;
    int _inFlight;

    protected Simulator(string name, TimeProvider time)
    {
        Name = name;
        Time = time;
        Faults = new FaultInjector(time);
    }

    /// <summary>e.g. <c>P21</c>, <c>Stripe</c>.</summary>
    public string Name { get; }

    /// <summary>e.g. <c>http://127.0.0.1:54321</c> (no trailing slash); empty until started.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary><see cref="BaseUrl"/> + <c>/_sim</c>: the control and inspection API.</summary>
    public string ControlUrl => BaseUrl + ControlPrefix;

    /// <summary>Faults and outages: shared by every simulator, also reachable over <c>/_sim/faults</c> and <c>/_sim/outage</c>.</summary>
    public FaultInjector Faults { get; }

    /// <summary>Every call answered, except control API calls.</summary>
    public CallLog Calls { get; } = new();

    /// <summary>The API routes the resources registered.</summary>
    public IReadOnlyList<SimulatorRoute> Routes => _routes;

    /// <summary>The control API's routes.</summary>
    public IReadOnlyList<SimulatorRoute> ControlRoutes => _controlRoutes;

    protected TimeProvider Time { get; }

    /// <summary>Registers the simulated API's resource handlers.</summary>
    protected abstract void MapRoutes(SimulatorRouteBuilder routes);

    /// <summary>Adds the simulator's own control routes (inspection, seeding) under <c>/_sim</c>.</summary>
    protected virtual void MapControl(SimulatorRouteBuilder control) { }

    /// <summary>Writes this API's error answer for an injected status (or an outage's 503) without a body of its own.</summary>
    protected abstract Task WriteFailureAsync(HttpContext http, int status, string? message);

    /// <summary>The answer to a call no route matches.</summary>
    protected virtual Task WriteNotFoundAsync(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    /// <summary>
    /// Whether the route's handler answers this injected status itself instead of the fault step (Stripe stores a <c>500</c> against the
    /// request's idempotency key and replays it). The handler finds the fault as <see cref="InjectedFault"/>. Default: never.
    /// </summary>
    protected virtual bool RouteAnswersFault(HttpContext http, Fault fault) => false;

    /// <summary>Drops the connection of a call without an answer, marked as dropped in the request log (e.g. after the handler applied its change).</summary>
    internal static void DropConnection(HttpContext http)
    {
        var outcome = http.Features.GetRequiredFeature<CallOutcome>();
        outcome.Dropped = outcome.AnsweredByFault = true;
        http.Abort();
    }

    /// <summary>Middleware that runs before injected faults (e.g. Stripe's key check: faults strike authenticated calls only); not for control calls.</summary>
    protected virtual void UseBeforeFaults(IApplicationBuilder app) { }

    /// <summary>Middleware that runs after injected faults, before the handler (e.g. P21's bearer-token check); not for control calls.</summary>
    protected virtual void UseAfterFaults(IApplicationBuilder app) { }

    /// <summary>Starts listening on <paramref name="host"/>:<paramref name="port"/> (0 = any free port); <see cref="BaseUrl"/> tells where.</summary>
    protected async Task ListenAsync(string host, int port, bool consoleLogging, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [], ApplicationName = GetType().Assembly.GetName().Name, ContentRootPath = AppContext.BaseDirectory,
        });
        var address = host == "localhost" ? IPAddress.Loopback : IPAddress.Parse(host);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(address, port));
        if (!consoleLogging) builder.Logging.ClearProviders();

        var app = builder.Build();
        app.Use(RecordAsync);
        app.Use(ApplyOutageAsync);
        app.UseRouting();
        // The simulator's own middleware (key checks, token checks) never stands in the control API's way.
        app.UseWhen(http => !IsControl(http), UseBeforeFaults);
        app.Use(ApplyFaultAsync);
        app.UseWhen(http => !IsControl(http), UseAfterFaults);

        MapRoutes(new SimulatorRouteBuilder(app, _routes));
        var control = new SimulatorRouteBuilder(app.MapGroup(ControlPrefix), _controlRoutes, ControlPrefix);
        control.Add(new SimulatorControlApi(this));
        MapControl(control);
        app.MapFallback("{**path}", http => IsControl(http)
            ? ControlJson.ErrorAsync(http, StatusCodes.Status404NotFound, $"No control route {http.Request.Method} {http.Request.Path}; GET {ControlPrefix} lists them.")
            : WriteNotFoundAsync(http));

        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException e)
        {
            await app.DisposeAsync();
            throw new InvalidOperationException($"The {Name} simulator cannot listen on {host}:{port}: {e.Message}", e);
        }
        _app = app;
        BaseUrl = app.Urls.First().TrimEnd('/');
    }

    /// <summary>Waits until no call is being handled (e.g. a slow call whose client already gave up).</summary>
    public async Task WaitUntilIdleAsync(CancellationToken cancellationToken = default)
    {
        while (Volatile.Read(ref _inFlight) > 0) await Task.Delay(10, cancellationToken);
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (_app is null) return;
        await _app.StopAsync();
        await _app.DisposeAsync();
        _app = null;
        GC.SuppressFinalize(this);
    }

    static bool IsControl(HttpContext http) => http.Request.Path.StartsWithSegments(ControlPrefix, StringComparison.OrdinalIgnoreCase);

    async Task RecordAsync(HttpContext http, RequestDelegate next)
    {
        if (IsControl(http))
        {
            await next(http);
            return;
        }
        Interlocked.Increment(ref _inFlight);
        var arrival = Calls.Arrive();
        var at = Time.GetUtcNow();
        var started = Stopwatch.GetTimestamp();
        var outcome = new CallOutcome();
        http.Features.Set(outcome);
        var failed = false;
        try
        {
            var body = await ReadBodyAsync(http.Request);
            try
            {
                await next(http);
            }
            catch
            {
                failed = true;
                throw;
            }
            finally
            {
                Calls.Add(sequence => new SimulatorCall
                {
                    Sequence = sequence, Arrival = arrival, At = at, Method = http.Request.Method, Path = http.Request.Path.Value ?? "/", QueryString = http.Request.QueryString.Value ?? "",
                    Route = http.GetEndpoint()?.Metadata.GetMetadata<SimulatorRoute>()?.Name,
                    StatusCode = failed && !http.Response.HasStarted ? StatusCodes.Status500InternalServerError : http.Response.StatusCode,
                    Dropped = outcome.Dropped, Fault = outcome.Fault, AnsweredByFault = outcome.AnsweredByFault, Duration = Stopwatch.GetElapsedTime(started),
                    RequestHeaders = http.Request.Headers.ToDictionary(h => h.Key,
                        h => string.Equals(h.Key, "Authorization", StringComparison.OrdinalIgnoreCase) ? "(sent)" : h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                    RequestBody = body,
                    ResponseHeaders = http.Response.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                });
            }
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    static async Task<string?> ReadBodyAsync(HttpRequest request)
    {
        if (request.ContentLength is null or 0 && request.Headers.TransferEncoding.Count == 0) return null;
        request.EnableBuffering();
        using var reader = new StreamReader(request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        var text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        request.Body.Position = 0;
        return text.Length > MaxLoggedBodyChars ? text[..MaxLoggedBodyChars] : text;
    }

    async Task ApplyOutageAsync(HttpContext http, RequestDelegate next)
    {
        if (IsControl(http) || Faults.CurrentOutage is not { } outage)
        {
            await next(http);
            return;
        }
        var outcome = http.Features.GetRequiredFeature<CallOutcome>();
        outcome.Fault = "outage";
        outcome.AnsweredByFault = true;
        if (outage.Mode == OutageMode.DropConnections)
        {
            outcome.Dropped = true;
            http.Abort();
            return;
        }
        if (outage.RetryAfter is { } retryAfter) http.Response.Headers.RetryAfter = Seconds(retryAfter);
        await WriteFailureAsync(http, StatusCodes.Status503ServiceUnavailable, $"The {Name} simulator is down (simulated outage until {outage.Until:O}).");
    }

    async Task ApplyFaultAsync(HttpContext http, RequestDelegate next)
    {
        if (IsControl(http)) { await next(http); return; }
        var route = http.GetEndpoint()?.Metadata.GetMetadata<SimulatorRoute>()?.Name;
        if (Faults.Take(http.Request.Method, http.Request.Path.Value ?? "/", route) is not var (ruleId, fault))
        {
            await next(http);
            return;
        }
        var outcome = http.Features.GetRequiredFeature<CallOutcome>();
        outcome.Fault = ruleId;
        http.Features.Set(new InjectedFault(ruleId, fault));
        // Not cancelled when the client gives up: a real server keeps working on a call its client abandoned.
        if (fault.Delay > TimeSpan.Zero) await Task.Delay(fault.Delay, Time, CancellationToken.None);
        if (fault.DropConnection)
        {
            outcome.Dropped = outcome.AnsweredByFault = true;
            http.Abort();
            return;
        }
        if (fault.Status is not { } status)
        {
            await next(http);
            return;
        }
        outcome.AnsweredByFault = true;
        if (RouteAnswersFault(http, fault))
        {
            await next(http);
            return;
        }
        foreach (var (name, value) in fault.Headers) http.Response.Headers[name] = value;
        if (fault.Body is null)
        {
            await WriteFailureAsync(http, status, fault.Message);
            return;
        }
        http.Response.StatusCode = status;
        if (fault.Body.Length == 0) return;
        http.Response.ContentType = fault.ContentType
            ?? (fault.Body.TrimStart().StartsWith('{') || fault.Body.TrimStart().StartsWith('[') ? "application/json; charset=utf-8" : "text/plain; charset=utf-8");
        await http.Response.WriteAsync(fault.Body, Encoding.UTF8);
    }

    /// <summary>A <c>Retry-After</c> value in whole seconds, rounded up.</summary>
    protected static string Seconds(TimeSpan span) => ((long)Math.Ceiling(span.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>What the fault and outage steps did to the current call, for the request log.</summary>
    sealed class CallOutcome
    {
        public string? Fault { get; set; }
        public bool AnsweredByFault { get; set; }
        public bool Dropped { get; set; }
    }
}
