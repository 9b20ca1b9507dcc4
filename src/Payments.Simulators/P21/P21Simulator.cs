using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Payments.Simulators.P21.Auth;
using Payments.Simulators.P21.Control;
using Payments.Simulators.P21.Faults;
using Payments.Simulators.P21.Pool;
using Payments.Simulators.P21.Resources;
using Payments.Simulators.P21.Store;
using Payments.Simulators.P21.Transactions;
using Payments.Simulators.Shared.Faults;
using Payments.Simulators.Shared.Hosting;
using Payments.Simulators.Shared.Routing;

namespace Payments.Simulators.P21;

/// <summary>One call the simulator answered, for tests that check what a client sent (a view of <see cref="Simulator.Calls"/>).</summary>
public sealed record P21RequestRecord(P21Route? Route, string Method, string PathAndQuery, int StatusCode, bool HadAuthorization);

/// <summary>
/// An HTTP stand-in for an Epicor Prophet 21 middleware (see P21/README.md): token v1/v2, UI-server router, OData v4 tables and the
/// Transaction API's Order, RMA and Customer services, the general ledger's REST family, on a real Kestrel listener. Start it with <see cref="StartAsync"/>; inspect
/// <see cref="Store"/>; misbehave on purpose through <see cref="Simulator.Faults"/> (see <see cref="P21Fault"/>) and
/// <see cref="ExpireAllTokens"/>; or drive it over HTTP under <see cref="Simulator.ControlUrl"/> (README).
/// </summary>
public sealed class P21Simulator : Simulator, IExpiringTokens
{
    public const string UiServerPath = "/uiserver0";

    readonly P21TokenIssuer _tokens;
    readonly TransactionProcessor _transactions;

    P21Simulator(P21SimulatorOptions options, TimeProvider time) : base("P21", time)
    {
        Options = options;
        Store = new P21Store();
        Pool = new P21SessionPool(options.SessionPoolSize, options.SessionPoolWait, time) { Latency = options.TransactionLatency };
        _tokens = new P21TokenIssuer(time);
        _transactions = new TransactionProcessor(Store, options, time);
        if (options.Seed) P21Seed.Apply(Store, options.CompanyId, time.GetUtcNow().UtcDateTime);
        foreach (var text in options.ClosedPeriods)
            Store.Ledger.SetClosed(P21GlPeriod.Parse(text) ?? throw new ArgumentException($"Closed period '{text}' is not yyyy-pp (e.g. 2026-03).", nameof(options)));
    }

    public P21SimulatorOptions Options { get; }

    /// <summary>The in-memory P21 data: customers, contacts, items, orders with lines. Tests may add rows before a run.</summary>
    public P21Store Store { get; }

    /// <summary>The API instances the Transaction API runs on: resize it, watch how busy it got, or keep it busy with other users' work.</summary>
    public P21SessionPool Pool { get; }

    /// <summary>What the router hands out: <c>{BaseUrl}/uiserver0</c>.</summary>
    public string UiServerUrl => BaseUrl + UiServerPath;

    public int TokensIssued => _tokens.IssuedCount;

    public IReadOnlyList<P21RequestRecord> Requests =>
        [.. Calls.All.Select(c => new P21RequestRecord(Enum.TryParse<P21Route>(c.Route, out var route) ? route : null, c.Method, c.PathAndQuery, c.StatusCode, c.HadAuthorization))];

    /// <summary>Every token issued so far is rejected with 401 from now on (forced expiry / middleware restart).</summary>
    public void ExpireAllTokens() => _tokens.RevokeAll();

    int IExpiringTokens.ExpireAll() => _tokens.RevokeAll();
    int IExpiringTokens.Issued => _tokens.IssuedCount;
    int IExpiringTokens.Live => _tokens.LiveCount;

    /// <summary>Starts on <see cref="P21SimulatorOptions.Host"/>:<see cref="P21SimulatorOptions.Port"/> (0 = any free port; <see cref="Simulator.BaseUrl"/> tells which).</summary>
    public static async Task<P21Simulator> StartAsync(P21SimulatorOptions? options = null, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        options ??= new P21SimulatorOptions();
        var simulator = new P21Simulator(options, time ?? TimeProvider.System);
        await simulator.ListenAsync(options.Host, options.Port, options.ConsoleLogging, cancellationToken);
        return simulator;
    }

    protected override void MapRoutes(SimulatorRouteBuilder routes) => routes.Add(
        new TokenResource(Options, _tokens),
        new RouterResource(() => UiServerUrl),
        new ODataResource(Store, () => BaseUrl),
        new TransactionResource(_transactions),
        new GlResource(Store.Ledger, Options, Time));

    protected override void MapControl(SimulatorRouteBuilder control) =>
        control.Add(new P21ControlApi(Store, Pool, Options, Time), new P21GlControlApi(Store.Ledger));

    protected override void UseBeforeFaults(IApplicationBuilder app)
    {
        app.Use(RouterResource.RedirectNoSlashForm).Use(GlResource.RedirectNoSlashForm);
        // A pooled call holds its instance through an injected delay: a slow call is a busy instance.
        app.Use(P21PooledCall.Gate(Pool, WriteFailureAsync, Time));
    }

    protected override void UseAfterFaults(IApplicationBuilder app) => app.Use(P21BearerToken.Check(_tokens));

    protected override async Task WriteFailureAsync(HttpContext http, int status, string? message)
    {
        switch (status)
        {
            case StatusCodes.Status401Unauthorized:
                http.Response.StatusCode = status;
                await http.Response.WriteAsync(P21Http.Unauthorized);
                break;
            case StatusCodes.Status503ServiceUnavailable:
                // What IIS (HTTP.sys) answers while the P21 application pool is down.
                http.Response.StatusCode = status;
                http.Response.ContentType = "text/html; charset=us-ascii";
                await http.Response.WriteAsync("<HTML><HEAD><TITLE>Service Unavailable</TITLE></HEAD><BODY><h2>Service Unavailable</h2><hr><p>HTTP Error 503. The service is unavailable.</p></BODY></HTML>");
                break;
            case >= 500:
                await P21Http.WriteErrorEnvelopeAsync(http, status, message ?? "Simulated P21 server error");
                break;
            default:
                http.Response.StatusCode = status;
                break;
        }
    }
}
