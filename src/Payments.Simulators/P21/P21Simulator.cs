using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Payments.Simulators.P21.Auth;
using Payments.Simulators.P21.Faults;
using Payments.Simulators.P21.OData;
using Payments.Simulators.P21.Store;
using Payments.Simulators.P21.Transactions;

namespace Payments.Simulators.P21;

/// <summary>One call the simulator answered, for tests that check what a client sent.</summary>
public sealed record P21RequestRecord(P21Route? Route, string Method, string PathAndQuery, int StatusCode, bool HadAuthorization);

/// <summary>
/// An HTTP stand-in for an Epicor Prophet 21 middleware (prophet21.md): token v1/v2, UI-server router, OData v4 tables and the
/// Transaction API's Order and Customer services, on a real Kestrel listener. Start it with <see cref="StartAsync"/>; inspect
/// <see cref="Store"/>; misbehave on purpose through <see cref="Faults"/> and <see cref="ExpireAllTokens"/>.
/// </summary>
public sealed class P21Simulator : IAsyncDisposable
{
    public const string UiServerPath = "/uiserver0";
    const string RouterPath = "/api/ui/router/v1";
    const string ODataPrefix = "/odataservice/odata/table/";

    static readonly JsonSerializerOptions Json = new(); // PascalCase, case-sensitive: the Transaction API's binder

    readonly WebApplication _app;
    readonly P21TokenIssuer _tokens;
    readonly TransactionProcessor _transactions;
    readonly List<P21RequestRecord> _requests = [];
    int _inFlight;

    P21Simulator(WebApplication app, P21SimulatorOptions options, TimeProvider time)
    {
        _app = app;
        Options = options;
        Store = new P21Store();
        _tokens = new P21TokenIssuer(time);
        _transactions = new TransactionProcessor(Store, options, time);
        if (options.Seed) P21Seed.Apply(Store, options.CompanyId, time.GetUtcNow().UtcDateTime);
    }

    public P21SimulatorOptions Options { get; }

    /// <summary>The in-memory P21 data: customers, contacts, items, orders with lines. Tests may add rows before a run.</summary>
    public P21Store Store { get; }

    public P21FaultInjector Faults { get; } = new();

    /// <summary>e.g. <c>http://127.0.0.1:54321</c> (no trailing slash): the P21 "base host".</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>What the router hands out: <c>{BaseUrl}/uiserver0</c>.</summary>
    public string UiServerUrl => BaseUrl + UiServerPath;

    public int TokensIssued => _tokens.IssuedCount;

    public IReadOnlyList<P21RequestRecord> Requests { get { lock (_requests) return _requests.ToArray(); } }

    /// <summary>Every token issued so far is rejected with 401 from now on (forced expiry / middleware restart).</summary>
    public void ExpireAllTokens() => _tokens.RevokeAll();

    public static async Task<P21Simulator> StartAsync(P21SimulatorOptions? options = null, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        options ??= new P21SimulatorOptions();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [], ApplicationName = typeof(P21Simulator).Assembly.GetName().Name, ContentRootPath = AppContext.BaseDirectory,
        });
        var address = options.Host == "localhost" ? IPAddress.Loopback : IPAddress.Parse(options.Host);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(address, options.Port));
        if (!options.ConsoleLogging) builder.Logging.ClearProviders();

        var app = builder.Build();
        var simulator = new P21Simulator(app, options, time ?? TimeProvider.System);
        app.Run(simulator.HandleAsync);
        await app.StartAsync(cancellationToken);
        simulator.BaseUrl = app.Urls.First().TrimEnd('/');
        return simulator;
    }

    /// <summary>Waits until no request is being handled (e.g. a slow call whose client already gave up).</summary>
    public async Task WaitUntilIdleAsync(CancellationToken cancellationToken = default)
    {
        while (Volatile.Read(ref _inFlight) > 0) await Task.Delay(10, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    async Task HandleAsync(HttpContext http)
    {
        Interlocked.Increment(ref _inFlight);
        P21Route? route = null;
        try
        {
            route = await DispatchAsync(http);
        }
        catch (ODataException e)
        {
            http.Response.StatusCode = e.StatusCode;
            if (e.ODataMessage is not null)
                await http.Response.WriteAsJsonAsync(new { error = new { code = "", message = e.ODataMessage } });
        }
        finally
        {
            lock (_requests)
                _requests.Add(new P21RequestRecord(route, http.Request.Method, http.Request.Path + http.Request.QueryString, http.Response.StatusCode,
                    http.Request.Headers.Authorization.Count > 0));
            Interlocked.Decrement(ref _inFlight);
        }
    }

    async Task<P21Route?> DispatchAsync(HttpContext http)
    {
        var path = http.Request.Path.Value ?? "/";
        var get = HttpMethods.IsGet(http.Request.Method);
        var post = HttpMethods.IsPost(http.Request.Method);

        if (get && path == RouterPath)
        {
            // As P21: the no-slash form redirects, and .NET drops Authorization when following it (prophet21.md §8).
            http.Response.StatusCode = StatusCodes.Status307TemporaryRedirect;
            http.Response.Headers.Location = RouterPath + "/" + http.Request.QueryString;
            return P21Route.Router;
        }

        P21Route? route = (get, post, path) switch
        {
            (_, true, "/api/security/token/v2" or "/api/security/token" or "/api/security/token/") => P21Route.Token,
            (true, _, RouterPath + "/") => P21Route.Router,
            (true, _, _) when path.StartsWith(ODataPrefix, StringComparison.Ordinal) => P21Route.OData,
            (_, true, UiServerPath + "/api/v2/transaction" or UiServerPath + "/api/v2/transaction/") => P21Route.Transaction,
            (_, true, UiServerPath + "/api/v2/transaction/get" or UiServerPath + "/api/v2/transaction/get/") => P21Route.TransactionGet,
            _ => null,
        };
        if (route is null)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return null;
        }

        var fault = Faults.Take(route.Value);
        if (fault is not null)
        {
            if (fault.Kind == P21FaultKind.Delay) await Task.Delay(fault.Delay); // P21 keeps working after the client gave up
            else if (fault.Kind != P21FaultKind.BusinessRuleFailure || route != P21Route.Transaction)
            {
                await WriteFaultAsync(http, fault);
                return route;
            }
        }

        if (route != P21Route.Token && !_tokens.IsValid(http.Request.Headers.Authorization.ToString()))
        {
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await http.Response.WriteAsync(http.Request.Headers.Authorization.Count == 0 ? "Authorization header was not present" : "Authorization has been denied for this request.");
            return route;
        }

        switch (route)
        {
            case P21Route.Token: await IssueTokenAsync(http, path); break;
            case P21Route.Router: await WriteRouterAsync(http); break;
            case P21Route.OData: await QueryODataAsync(http, path); break;
            case P21Route.Transaction: await PostTransactionAsync(http, fault); break;
            case P21Route.TransactionGet: await GetTransactionAsync(http); break;
        }
        return route;
    }

    static async Task WriteFaultAsync(HttpContext http, P21Fault fault)
    {
        switch (fault.Kind)
        {
            case P21FaultKind.Unauthorized:
                http.Response.StatusCode = StatusCodes.Status401Unauthorized;
                await http.Response.WriteAsync("Authorization has been denied for this request.");
                break;
            case P21FaultKind.TooManyRequests:
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                if (fault.RetryAfter is { } after) http.Response.Headers.RetryAfter = ((int)Math.Ceiling(after.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                break;
            default:
                // P21's REST error envelope (prophet21.md §6.1).
                http.Response.StatusCode = StatusCodes.Status500InternalServerError;
                await http.Response.WriteAsJsonAsync(new Dictionary<string, object?>
                {
                    ["DateTimeStamp"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture), ["ErrorMessage"] = fault.Message,
                    ["ErrorType"] = "P21.Common.Exceptions.Prophet21Exception", ["HostName"] = "P21SIM", ["InnerException"] = null,
                });
                break;
        }
    }

    static bool AcceptsJson(HttpContext http) => http.Request.Headers.Accept.ToString().Contains("json", StringComparison.OrdinalIgnoreCase);

    async Task IssueTokenAsync(HttpContext http, string path)
    {
        string? username = null, password = null, secret = null, grantType = null;
        if (path.EndsWith("/v2", StringComparison.Ordinal))
        {
            try
            {
                using var body = await JsonDocument.ParseAsync(http.Request.Body);
                foreach (var property in body.RootElement.EnumerateObject())
                {
                    var value = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
                    switch (property.Name.ToLowerInvariant()) // the token binder is not case-sensitive
                    {
                        case "username": username = value; break;
                        case "password": password = value; break;
                        case "clientsecret": secret = value; break;
                        case "granttype": grantType = value; break;
                    }
                }
            }
            catch (JsonException)
            {
                http.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }
        }
        else
        {
            // v1: credentials in headers (prophet21.md §2.1), consumer key as "consumer_key" + "grant_type".
            username = http.Request.Headers["username"].FirstOrDefault();
            password = http.Request.Headers["password"].FirstOrDefault();
            secret = http.Request.Headers["consumer_key"].FirstOrDefault();
            grantType = http.Request.Headers["grant_type"].FirstOrDefault();
        }

        var consumer = secret is not null && string.Equals(grantType, "client_credentials", StringComparison.OrdinalIgnoreCase);
        var valid = consumer
            ? secret == Options.ClientSecret
            : username == Options.Username && password == Options.Password;
        if (!valid)
        {
            // Body shape illustrative (MW 06); P21's own token error body was not captured.
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await http.Response.WriteAsJsonAsync(new { error = "invalid_grant", error_description = "The user name or password is incorrect." });
            return;
        }

        var user = username ?? "p21_install_user";
        var (token, sessionId) = _tokens.Issue(user, Options.TokenLifetime, Options.NewTokenRevokesPrevious);
        var seconds = (long)Options.TokenLifetime.TotalSeconds;
        if (!AcceptsJson(http))
        {
            XNamespace ns = "http://distributionsuite.activant.com";
            var xml = new XElement(ns + "Token",
                new XElement(ns + "AccessToken", token), new XElement(ns + "TokenType", "Bearer"), new XElement(ns + "UserName", user),
                new XElement(ns + "ExpiresIn", seconds), new XElement(ns + "RefreshToken", consumer ? "" : Guid.NewGuid().ToString("N")),
                new XElement(ns + "Scope", consumer ? "/api;/p21sdk" : ""), new XElement(ns + "SessionId", sessionId));
            http.Response.ContentType = "application/xml; charset=utf-8";
            await http.Response.WriteAsync(xml.ToString(SaveOptions.DisableFormatting), Encoding.UTF8);
            return;
        }

        // Credential tokens report ExpiresInSeconds, consumer-key tokens ExpiresIn (prophet21.md §2.3).
        var reply = new Dictionary<string, object?> { ["AccessToken"] = token, ["TokenType"] = "Bearer", ["UserName"] = user };
        if (consumer)
        {
            reply["ExpiresIn"] = seconds;
            reply["RefreshToken"] = "";
            reply["Scope"] = "/api;/p21sdk";
            reply["SessionId"] = sessionId;
            reply["ConsumerUid"] = "8";
            reply["AppKey"] = null;
        }
        else
        {
            reply["ExpiresInSeconds"] = seconds;
            reply["RefreshToken"] = Guid.NewGuid().ToString("N");
        }
        await http.Response.WriteAsJsonAsync(reply, Json);
    }

    async Task WriteRouterAsync(HttpContext http)
    {
        if (AcceptsJson(http))
        {
            await http.Response.WriteAsJsonAsync(new Dictionary<string, string> { ["Url"] = UiServerUrl }, Json);
            return;
        }
        http.Response.ContentType = "application/xml; charset=utf-8";
        await http.Response.WriteAsync(new XElement("Router", new XElement("Url", UiServerUrl)).ToString(SaveOptions.DisableFormatting));
    }

    Task QueryODataAsync(HttpContext http, string path)
    {
        var name = path[ODataPrefix.Length..].TrimEnd('/');
        // Unknown table (or a view name on the table path): empty-body 404.
        if (!ODataTables.All.TryGetValue(name, out var table)) throw ODataException.NotFound();
        return ODataQuery.WriteAsync(http, table, Store, BaseUrl);
    }

    async Task PostTransactionAsync(HttpContext http, P21Fault? fault)
    {
        TransactionSet? set;
        try
        {
            set = await JsonSerializer.DeserializeAsync<TransactionSet>(http.Request.Body, Json);
        }
        catch (JsonException)
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        if (set is null)
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        if (!TransactionProcessor.IsKnownService(set.Name))
        {
            http.Response.StatusCode = StatusCodes.Status500InternalServerError; // unknown service: empty 500 [seen]
            return;
        }
        if (set.Transactions?.Any(t => t.Status != "New") == true)
        {
            http.Response.StatusCode = StatusCodes.Status500InternalServerError; // Status other than "New": NullReferenceException [seen]
            await http.Response.WriteAsJsonAsync(new { Message = "An error has occurred.", ExceptionMessage = "Object reference not set to an instance of an object.", ExceptionType = "System.NullReferenceException" });
            return;
        }

        var response = fault is { Kind: P21FaultKind.BusinessRuleFailure }
            ? TransactionProcessor.Refused(set, fault.Message ?? "General Exception")
            : _transactions.Process(set);
        await http.Response.WriteAsJsonAsync(response, Json); // HTTP 200 whatever the outcome: the truth is in Summary
    }

    async Task GetTransactionAsync(HttpContext http)
    {
        TransactionGetRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync<TransactionGetRequest>(http.Request.Body, Json);
        }
        catch (JsonException)
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        if (!TransactionProcessor.IsKnownService(request?.ServiceName))
        {
            http.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return;
        }
        var result = _transactions.Get(request!);
        if (result is null)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        await http.Response.WriteAsJsonAsync(result, Json);
    }
}
