using Microsoft.AspNetCore.Http;
using Payments.Simulators.Shared.Faults;
using Payments.Simulators.Shared.Hosting;
using Payments.Simulators.Shared.Routing;

namespace Payments.Simulators.Shared.Control;

/// <summary>
/// The part of the control API every simulator has, under <c>/_sim</c>: what it is and serves, the calls it received, its faults
/// and outages, and (for simulators that issue tokens) token expiry. Each simulator adds its own inspection and seeding routes.
/// </summary>
sealed class SimulatorControlApi(Simulator simulator) : ISimulatorResource
{
    public void Map(SimulatorRouteBuilder routes)
    {
        routes.Get("control.index", "/", Index);
        routes.Get("calls.list", "/calls", ListCalls);
        routes.Delete("calls.clear", "/calls", ClearCalls);
        routes.Get("faults.list", "/faults", ListFaults);
        routes.Post("faults.inject", "/faults", InjectFault);
        routes.Delete("faults.clear", "/faults", ClearFaults);
        routes.Delete("faults.remove", "/faults/{id}", RemoveFault);
        routes.Get("outage.show", "/outage", ShowOutage);
        routes.Post("outage.start", "/outage", StartOutage);
        routes.Delete("outage.end", "/outage", EndOutage);
        if (simulator is IExpiringTokens tokens)
        {
            routes.Get("tokens.show", "/tokens", http => ControlJson.WriteAsync(http, new { issued = tokens.Issued, live = tokens.Live }));
            routes.Post("tokens.expire", "/tokens/expire", http => ControlJson.WriteAsync(http, new { expired = tokens.ExpireAll() }));
        }
    }

    Task Index(HttpContext http) => ControlJson.WriteAsync(http, new
    {
        name = simulator.Name,
        baseUrl = simulator.BaseUrl,
        controlUrl = simulator.ControlUrl,
        routes = simulator.Routes,
        control = simulator.ControlRoutes,
    });

    Task ListCalls(HttpContext http)
    {
        var query = http.Request.Query;
        if (!TryLong(query["since"], 0, out var since) || !TryLong(query["limit"], long.MaxValue, out var limit) || limit < 1)
            return ControlJson.ErrorAsync(http, StatusCodes.Status400BadRequest, "since and limit must be whole numbers (limit at least 1).");
        IEnumerable<Calls.SimulatorCall> calls = simulator.Calls.Since(since);
        if (query["route"].FirstOrDefault() is { Length: > 0 } route)
            calls = calls.Where(c => string.Equals(c.Route, route, StringComparison.OrdinalIgnoreCase));
        if (query["method"].FirstOrDefault() is { Length: > 0 } method)
            calls = calls.Where(c => string.Equals(c.Method, method, StringComparison.OrdinalIgnoreCase));
        return ControlJson.WriteAsync(http, calls.TakeLast((int)Math.Min(limit, int.MaxValue)).ToList());
    }

    Task ClearCalls(HttpContext http)
    {
        simulator.Calls.Clear();
        http.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }

    Task ListFaults(HttpContext http) => ControlJson.WriteAsync(http, new
    {
        rules = simulator.Faults.Rules.Select(FaultRuleView.From),
        outage = OutageView.From(simulator.Faults.CurrentOutage),
    });

    async Task InjectFault(HttpContext http)
    {
        if (await ControlJson.ReadAsync<FaultRequest>(http) is not { } request) return;
        string id;
        try
        {
            id = simulator.Faults.Inject(request.ToRule());
        }
        catch (ArgumentException e)
        {
            await ControlJson.ErrorAsync(http, StatusCodes.Status400BadRequest, e.Message);
            return;
        }
        var state = simulator.Faults.Rules.Single(r => r.Id == id);
        await ControlJson.WriteAsync(http, FaultRuleView.From(state), StatusCodes.Status201Created);
    }

    Task ClearFaults(HttpContext http)
    {
        simulator.Faults.Clear();
        http.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }

    Task RemoveFault(HttpContext http)
    {
        var id = (string)http.GetRouteValue("id")!;
        if (!simulator.Faults.Remove(id)) return ControlJson.ErrorAsync(http, StatusCodes.Status404NotFound, $"No fault rule {id}.");
        http.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }

    Task ShowOutage(HttpContext http) => ControlJson.WriteAsync(http, new { outage = OutageView.From(simulator.Faults.CurrentOutage) });

    async Task StartOutage(HttpContext http)
    {
        if (await ControlJson.ReadAsync<OutageRequest>(http) is not { } request) return;
        if (request.Seconds <= 0 || request.RetryAfterSeconds is < 0)
        {
            await ControlJson.ErrorAsync(http, StatusCodes.Status400BadRequest, "seconds must be above 0 (and retryAfterSeconds not negative).");
            return;
        }
        var outage = simulator.Faults.GoDown(TimeSpan.FromSeconds(request.Seconds), request.Mode,
            request.RetryAfterSeconds is { } retry ? TimeSpan.FromSeconds(retry) : null);
        await ControlJson.WriteAsync(http, new { outage = OutageView.From(outage) }, StatusCodes.Status201Created);
    }

    Task EndOutage(HttpContext http)
    {
        simulator.Faults.ComeBackUp();
        http.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }

    static bool TryLong(Microsoft.Extensions.Primitives.StringValues value, long fallback, out long result)
    {
        if (value.Count == 0 || string.IsNullOrEmpty(value[0]))
        {
            result = fallback;
            return true;
        }
        return long.TryParse(value[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out result);
    }
}
