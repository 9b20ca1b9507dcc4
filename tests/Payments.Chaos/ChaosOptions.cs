namespace Payments.Chaos;

/// <summary>How big a run is and when each fault comes, counted from the first flow.</summary>
public sealed record ChaosOptions
{
    /// <summary>Charge-to-order flows started (one <c>charge.succeeded</c> webhook each).</summary>
    public int Flows { get; init; } = 1_000;
    /// <summary>Flows started per second, paced (open loop: a slow gateway does not slow the load).</summary>
    public double Rate { get; init; } = 4;
    /// <summary>Processes of each service.</summary>
    public int Replicas { get; init; } = 2;
    /// <summary>While this lasts, a random service process is killed (<c>kill -9</c>) and restarted every <see cref="KillEvery"/>.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromMinutes(8);
    public TimeSpan KillEvery { get; init; } = TimeSpan.FromSeconds(6);
    /// <summary>At most this many kills (the short form kills once).</summary>
    public int MaxKills { get; init; } = int.MaxValue;
    public TimeSpan RabbitMqRestartAt { get; init; } = TimeSpan.FromSeconds(60);
    public TimeSpan PostgresRestartAt { get; init; } = TimeSpan.FromSeconds(120);
    public TimeSpan P21DownAt { get; init; } = TimeSpan.FromSeconds(150);
    public TimeSpan P21DownFor { get; init; } = TimeSpan.FromMinutes(4);
    /// <summary>The whole run (start-up excluded) ends by then, settled or not: the program stops by itself.</summary>
    public TimeSpan Deadline { get; init; } = TimeSpan.FromMinutes(25);
    public int Seed { get; init; } = Environment.TickCount;

    /// <summary>60–100 flows, one fault of each kind, done in about three minutes: what the test command runs.</summary>
    public static ChaosOptions Short(int seed) => new()
    {
        Flows = 80,
        Rate = 2,
        Duration = TimeSpan.FromSeconds(10),
        KillEvery = TimeSpan.FromSeconds(5),
        MaxKills = 1,
        RabbitMqRestartAt = TimeSpan.FromSeconds(12),
        PostgresRestartAt = TimeSpan.FromSeconds(22),
        P21DownAt = TimeSpan.FromSeconds(28),
        P21DownFor = TimeSpan.FromSeconds(20),
        Deadline = TimeSpan.FromMinutes(3),
        Seed = seed,
    };
}
