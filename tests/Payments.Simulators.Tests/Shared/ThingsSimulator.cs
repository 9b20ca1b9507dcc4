using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Payments.Simulators.Shared.Hosting;
using Payments.Simulators.Shared.Routing;

namespace Payments.Simulators.Tests.Shared;

/// <summary>
/// The smallest simulator on the shared base: one resource (<c>GET/POST /things/{id}</c>, <c>GET /things</c>) registered by route. It
/// shows what a new simulator (Znode, …) writes, and lets the shared routing, fault model and control API be tested on their own.
/// </summary>
sealed class ThingsSimulator : Simulator
{
    ThingsSimulator(TimeProvider time) : base("Things", time) { }

    public static async Task<ThingsSimulator> StartAsync(TimeProvider? time = null, int port = 0)
    {
        var simulator = new ThingsSimulator(time ?? TimeProvider.System);
        await simulator.ListenAsync("127.0.0.1", port, consoleLogging: false, CancellationToken.None);
        return simulator;
    }

    /// <summary>Set when <c>GET /things/slow</c> has arrived at its handler.</summary>
    public TaskCompletionSource SlowArrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary><c>GET /things/slow</c> answers once this is set.</summary>
    public TaskCompletionSource SlowGate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override void MapRoutes(SimulatorRouteBuilder routes) => routes.Add(new ThingsResource(SlowArrived, SlowGate));

    protected override async Task WriteFailureAsync(HttpContext http, int status, string? message)
    {
        http.Response.StatusCode = status;
        await http.Response.WriteAsJsonAsync(new { failure = message ?? "injected" });
    }

    protected override async Task WriteNotFoundAsync(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status404NotFound;
        await http.Response.WriteAsync("no such thing");
    }

    sealed class ThingsResource(TaskCompletionSource slowArrived, TaskCompletionSource slowGate) : ISimulatorResource
    {
        public void Map(SimulatorRouteBuilder routes)
        {
            routes.Get("things.slow", "/things/slow", async http =>
            {
                slowArrived.TrySetResult();
                await slowGate.Task;
                await http.Response.WriteAsync("slow thing");
            });
            routes.Get("things.list", "/things", http => http.Response.WriteAsync("all things"));
            routes.Get("things.get", "/things/{id}", http => http.Response.WriteAsync($"thing {http.GetRouteValue("id")}"));
            routes.Post("things.put", "/things/{id}", async http =>
            {
                using var reader = new StreamReader(http.Request.Body);
                await http.Response.WriteAsync($"stored {http.GetRouteValue("id")}: {await reader.ReadToEndAsync()}");
            });
        }
    }
}
