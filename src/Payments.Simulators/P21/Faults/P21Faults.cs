using System.Collections.Concurrent;

namespace Payments.Simulators.P21.Faults;

/// <summary>The simulator's routes, as fault injection and the request log name them.</summary>
public enum P21Route { Token, Router, OData, Transaction, TransactionGet }

public enum P21FaultKind { ServerError, Delay, Unauthorized, TooManyRequests, BusinessRuleFailure }

/// <summary>One injected misbehaviour. Build with the static factories.</summary>
public sealed record P21Fault
{
    public required P21FaultKind Kind { get; init; }
    public TimeSpan Delay { get; init; }
    public TimeSpan? RetryAfter { get; init; }
    public string? Message { get; init; }

    /// <summary>HTTP 500 with P21's REST error envelope.</summary>
    public static P21Fault ServerError(string message = "Simulated P21 server error") => new() { Kind = P21FaultKind.ServerError, Message = message };

    /// <summary>Waits, then answers normally: a client with a shorter time-out gives up while P21 still does the work (an order may be created).</summary>
    public static P21Fault Slow(TimeSpan delay) => new() { Kind = P21FaultKind.Delay, Delay = delay };

    public static P21Fault Unauthorized() => new() { Kind = P21FaultKind.Unauthorized };

    public static P21Fault TooManyRequests(TimeSpan? retryAfter = null) => new() { Kind = P21FaultKind.TooManyRequests, RetryAfter = retryAfter };

    /// <summary>Transaction API only: HTTP 200 with <c>Summary.Failed = 1</c> and this message ("Transaction 1:: " is prefixed).</summary>
    public static P21Fault BusinessRuleFailure(string message) => new() { Kind = P21FaultKind.BusinessRuleFailure, Message = message };
}

/// <summary>Queues faults per route: the next N calls of that route get the fault (optionally after letting some calls through), then the route behaves again.</summary>
public sealed class P21FaultInjector
{
    // A null entry lets one call through untouched.
    readonly ConcurrentDictionary<P21Route, ConcurrentQueue<P21Fault?>> _queues = new();

    /// <param name="route">Which route misbehaves.</param>
    /// <param name="fault">How.</param>
    /// <param name="times">For how many consecutive calls.</param>
    /// <param name="after">How many calls of the route pass normally first (e.g. to hit a read-back after a create).</param>
    public void Inject(P21Route route, P21Fault fault, int times = 1, int after = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(times, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(after);
        var queue = _queues.GetOrAdd(route, _ => new ConcurrentQueue<P21Fault?>());
        for (var i = 0; i < after; i++) queue.Enqueue(null);
        for (var i = 0; i < times; i++) queue.Enqueue(fault);
    }

    public void Clear() => _queues.Clear();

    /// <summary>Faults still waiting for a call of this route.</summary>
    public int Pending(P21Route route) => _queues.TryGetValue(route, out var q) ? q.Count(f => f is not null) : 0;

    internal P21Fault? Take(P21Route route) => _queues.TryGetValue(route, out var q) && q.TryDequeue(out var fault) ? fault : null;
}
