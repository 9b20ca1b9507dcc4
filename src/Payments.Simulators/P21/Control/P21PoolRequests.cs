namespace Payments.Simulators.P21.Control;

/// <summary>The body of <c>PUT /_sim/pool</c>: a new size, wait and/or latency per call; what is left out stays.</summary>
public sealed record ConfigurePoolRequest
{
    public int? Size { get; init; }
    public double? WaitSeconds { get; init; }
    public double? LatencySeconds { get; init; }
}

/// <summary>The body of <c>POST /_sim/pool/occupy</c>: other users keep this many API instances busy for this long.</summary>
public sealed record OccupyPoolRequest
{
    public int Instances { get; init; } = 1;
    public double Seconds { get; init; }
}
