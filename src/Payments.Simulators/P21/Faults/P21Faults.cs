using System.Globalization;
using Payments.Simulators.Shared.Faults;

namespace Payments.Simulators.P21.Faults;

/// <summary>The simulator's route names, as the request log, fault rules and <c>GET /_sim</c> name them.</summary>
public enum P21Route { Token, Router, OData, Transaction, TransactionGet, Gl }

/// <summary>P21's misbehaviours, expressed as faults of the shared model (<see cref="Fault"/>).</summary>
public static class P21Fault
{
    /// <summary>The <see cref="Fault.Effect"/> the Transaction route understands.</summary>
    public const string BusinessRuleFailureEffect = "BusinessRuleFailure";

    /// <summary>HTTP 500 with P21's REST error envelope.</summary>
    public static Fault ServerError(string message = "Simulated P21 server error") => Fault.Respond(500, message);

    /// <summary>Waits, then answers normally: a client with a shorter time-out gives up while P21 still does the work (an order may be created).</summary>
    public static Fault Slow(TimeSpan delay) => Fault.Slow(delay);

    /// <summary>HTTP 401 "Authorization has been denied for this request." whatever the token.</summary>
    public static Fault Unauthorized() => Fault.Respond(401);

    /// <summary>HTTP 429 with an empty body and, when given, <c>Retry-After</c> in seconds.</summary>
    public static Fault TooManyRequests(TimeSpan? retryAfter = null) => new()
    {
        Status = 429,
        Body = "",
        Headers = retryAfter is { } after
            ? new Dictionary<string, string> { ["Retry-After"] = ((int)Math.Ceiling(after.TotalSeconds)).ToString(CultureInfo.InvariantCulture) }
            : new Dictionary<string, string>(),
    };

    /// <summary>Transaction API only: HTTP 200 with <c>Summary.Failed = 1</c> and this message ("Transaction 1:: " is prefixed).</summary>
    public static Fault BusinessRuleFailure(string message) => new() { Effect = BusinessRuleFailureEffect, Message = message };
}

/// <summary>The P21 simulator's former fault API on the shared <see cref="FaultInjector"/>, by <see cref="P21Route"/>.</summary>
public static class P21FaultInjectorExtensions
{
    /// <param name="faults">The simulator's <see cref="FaultInjector"/>.</param>
    /// <param name="route">Which route misbehaves.</param>
    /// <param name="fault">How (see <see cref="P21Fault"/>).</param>
    /// <param name="times">For how many consecutive calls.</param>
    /// <param name="after">How many calls of the route pass normally first (e.g. to hit a read-back after a create).</param>
    public static string Inject(this FaultInjector faults, P21Route route, Fault fault, int times = 1, int after = 0) =>
        faults.FailNext(route.ToString(), fault, times, after: after);

    /// <summary>Faults still waiting for a call of this route.</summary>
    public static int Pending(this FaultInjector faults, P21Route route) => faults.Pending(route.ToString());
}
