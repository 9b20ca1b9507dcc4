using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Payments.Simulators.Shared.Routing;

/// <summary>
/// Registers a simulator's handlers on ASP.NET Core endpoint routing, each under a route name that the request log, the fault
/// rules and the control API's route list use.
/// </summary>
public sealed class SimulatorRouteBuilder
{
    readonly IEndpointRouteBuilder _endpoints;
    readonly List<SimulatorRoute> _registered;
    readonly string _prefix;

    internal SimulatorRouteBuilder(IEndpointRouteBuilder endpoints, List<SimulatorRoute> registered, string prefix = "")
    {
        _endpoints = endpoints;
        _registered = registered;
        _prefix = prefix;
    }

    public IEndpointConventionBuilder Map(string name, string method, string pattern, RequestDelegate handler)
    {
        var route = new SimulatorRoute(name, method, _prefix + pattern);
        _registered.Add(route);
        return _endpoints.MapMethods(pattern, [method], handler).WithMetadata(route).WithDisplayName($"{method} {route.Pattern} ({name})");
    }

    public IEndpointConventionBuilder Get(string name, string pattern, RequestDelegate handler) => Map(name, HttpMethods.Get, pattern, handler);
    public IEndpointConventionBuilder Post(string name, string pattern, RequestDelegate handler) => Map(name, HttpMethods.Post, pattern, handler);
    public IEndpointConventionBuilder Put(string name, string pattern, RequestDelegate handler) => Map(name, HttpMethods.Put, pattern, handler);
    public IEndpointConventionBuilder Delete(string name, string pattern, RequestDelegate handler) => Map(name, HttpMethods.Delete, pattern, handler);

    /// <summary>Registers every route of <paramref name="resources"/>.</summary>
    public SimulatorRouteBuilder Add(params IEnumerable<ISimulatorResource> resources)
    {
        foreach (var resource in resources) resource.Map(this);
        return this;
    }
}
