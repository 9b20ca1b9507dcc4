using Payments.Simulators.Shared.Faults;

namespace Payments.Simulators.Shared.Control;

/// <summary>The body of <c>POST /_sim/faults</c>: a <see cref="FaultRule"/> with its <see cref="Fault"/> flattened.</summary>
public sealed record FaultRequest
{
    public string Route { get; init; } = "*";
    public string? Method { get; init; }
    public int Times { get; init; } = 1;
    public int After { get; init; }
    public int? Status { get; init; }
    public string? Body { get; init; }
    public string? ContentType { get; init; }
    public Dictionary<string, string>? Headers { get; init; }
    public int DelayMs { get; init; }
    public bool DropConnection { get; init; }
    public string? Effect { get; init; }
    public string? Message { get; init; }

    public FaultRule ToRule() => new()
    {
        Route = Route,
        Method = Method,
        Times = Times,
        After = After,
        Fault = new Fault
        {
            Status = Status, Body = Body, ContentType = ContentType, Headers = Headers ?? [], Delay = TimeSpan.FromMilliseconds(DelayMs),
            DropConnection = DropConnection, Effect = Effect, Message = Message,
        },
    };
}

/// <summary>The body of <c>POST /_sim/outage</c>.</summary>
public sealed record OutageRequest
{
    public double Seconds { get; init; }
    public OutageMode Mode { get; init; } = OutageMode.Unavailable;
    public int? RetryAfterSeconds { get; init; }
}

/// <summary>A fault rule as the control API shows it.</summary>
public sealed record FaultRuleView(
    string Id, string Route, string? Method, int Times, int After, int PassesLeft, int FaultsLeft, int Struck,
    int? Status, string? Body, IReadOnlyDictionary<string, string> Headers, double DelayMs, bool DropConnection, string? Effect, string? Message)
{
    public static FaultRuleView From(FaultRuleState state)
    {
        var (rule, fault) = (state.Rule, state.Rule.Fault);
        return new FaultRuleView(state.Id, rule.Route, rule.Method, rule.Times, rule.After, state.PassesLeft, state.FaultsLeft, state.Struck,
            fault.Status, fault.Body, fault.Headers, fault.Delay.TotalMilliseconds, fault.DropConnection, fault.Effect, fault.Message);
    }
}

/// <summary>An outage as the control API shows it.</summary>
public sealed record OutageView(DateTimeOffset Until, OutageMode Mode, int? RetryAfterSeconds)
{
    public static OutageView? From(Outage? outage) =>
        outage is null ? null : new OutageView(outage.Until, outage.Mode, outage.RetryAfter is { } r ? (int)Math.Ceiling(r.TotalSeconds) : null);
}
