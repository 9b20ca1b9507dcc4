namespace Payments.Simulators.Shared.Faults;

/// <summary>
/// What an injected fault does to one call: wait, then either drop the connection, answer with a status of its own, or let the
/// route's handler answer (with an <see cref="Effect"/> the handler understands, or normally after the delay).
/// </summary>
public sealed record Fault
{
    /// <summary>Answer with this status instead of the route's handler; null lets the handler answer.</summary>
    public int? Status { get; init; }

    /// <summary>The body of that answer; null gives the simulator's own error body for the status (P21's REST envelope, Stripe's error object).</summary>
    public string? Body { get; init; }

    /// <summary>Content type of <see cref="Body"/>; JSON when omitted and the body starts like JSON, else plain text.</summary>
    public string? ContentType { get; init; }

    /// <summary>Extra response headers, e.g. <c>Retry-After</c>.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Waited before anything else. With no status the call then proceeds: the server keeps working after a client gave up.</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>Abort the connection without an answer (after <see cref="Delay"/>): the client sees a reset, as when a server dies mid-call.</summary>
    public bool DropConnection { get; init; }

    /// <summary>A simulator-specific behaviour the route's handler applies (e.g. P21's <c>BusinessRuleFailure</c>); ignored by routes that do not know it.</summary>
    public string? Effect { get; init; }

    /// <summary>The message of the default error body, or the effect's message.</summary>
    public string? Message { get; init; }

    /// <summary>Answers <paramref name="status"/> with the simulator's own error body.</summary>
    public static Fault Respond(int status, string? message = null) => new() { Status = status, Message = message };

    /// <summary>Waits, then lets the call proceed normally.</summary>
    public static Fault Slow(TimeSpan delay) => new() { Delay = delay };

    public static Fault Drop() => new() { DropConnection = true };

    public override string ToString()
    {
        var parts = new List<string>();
        if (Delay > TimeSpan.Zero) parts.Add($"delay {Delay.TotalMilliseconds:0} ms");
        if (DropConnection) parts.Add("drop connection");
        else if (Status is { } status) parts.Add($"status {status}");
        if (Effect is not null) parts.Add($"effect {Effect}");
        return parts.Count == 0 ? "no-op" : string.Join(", ", parts);
    }
}
