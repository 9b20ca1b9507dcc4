namespace Payments.Simulators.Shared.Calls;

/// <summary>One call a simulator answered (control API calls excluded), as the request log and <c>GET /_sim/calls</c> show it.</summary>
public sealed record SimulatorCall
{
    /// <summary>1, 2, 3, … in the order the calls finished; <c>GET /_sim/calls?since=N</c> lists the calls after N.</summary>
    public required long Sequence { get; init; }
    /// <summary>1, 2, 3, … in the order the calls arrived (<see cref="CallLog.ByArrival"/>).</summary>
    public long Arrival { get; init; }
    public required DateTimeOffset At { get; init; }
    public required string Method { get; init; }
    public required string Path { get; init; }
    /// <summary>With its leading <c>?</c>, or empty.</summary>
    public required string QueryString { get; init; }
    /// <summary>The route name that answered, or null when none matched (404).</summary>
    public string? Route { get; init; }
    public required int StatusCode { get; init; }
    /// <summary>The connection was dropped without an answer (an injected fault or an outage).</summary>
    public bool Dropped { get; init; }
    /// <summary>The fault rule that struck this call, or <c>outage</c>; null when none did.</summary>
    public string? Fault { get; init; }
    /// <summary>The answer came from the fault (or outage), not from the route's handler.</summary>
    public bool AnsweredByFault { get; init; }
    public TimeSpan Duration { get; init; }
    /// <summary>Request headers; the value of <c>Authorization</c> is not kept, only that it was sent.</summary>
    public IReadOnlyDictionary<string, string> RequestHeaders { get; init; } = new Dictionary<string, string>();
    /// <summary>The request body as text (cut after 64 KiB), or null when there was none.</summary>
    public string? RequestBody { get; init; }
    public IReadOnlyDictionary<string, string> ResponseHeaders { get; init; } = new Dictionary<string, string>();

    public string PathAndQuery => Path + QueryString;

    public bool HadAuthorization => RequestHeaders.ContainsKey("Authorization");

    public string? RequestHeader(string name) =>
        RequestHeaders.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    public string? ResponseHeader(string name) =>
        ResponseHeaders.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}
