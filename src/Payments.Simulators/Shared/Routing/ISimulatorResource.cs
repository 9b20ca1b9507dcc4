namespace Payments.Simulators.Shared.Routing;

/// <summary>
/// One resource (or group of routes) of a simulated API. A simulator registers one instance per resource; adding a
/// resource is a new class plus one line in its simulator's list.
/// </summary>
public interface ISimulatorResource
{
    void Map(SimulatorRouteBuilder routes);
}
