namespace Payments.Simulators.Shared.Routing;

/// <summary>
/// A route a simulator answers: the name its request log and fault rules use, the HTTP method and the path pattern
/// (ASP.NET Core route template, e.g. <c>/v1/charges/{id}</c>). Carried as endpoint metadata.
/// </summary>
public sealed record SimulatorRoute(string Name, string Method, string Pattern);
