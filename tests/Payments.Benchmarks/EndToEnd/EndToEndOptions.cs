using System.Globalization;
using Payments.ServiceDefaults;
using Payments.Testing.Cluster;

namespace Payments.Benchmarks.EndToEnd;

/// <summary>Command line of <c>e2e</c>; the broker and PostgreSQL come from the <c>PAYMENTS_TEST_*</c> variables unless given.</summary>
public sealed record EndToEndOptions
{
    /// <summary>Flows posted at once (open loop), then drained.</summary>
    public int Burst { get; init; } = 500;
    /// <summary>Paced rates, flows per second, each offered for <see cref="Seconds"/>.</summary>
    public IReadOnlyList<int> Rates { get; init; } = [25, 50, 100, 150];
    public int Seconds { get; init; } = 20;
    /// <summary>Unmeasured flows at 25/s after start: JIT, pools, EF models.</summary>
    public int WarmupFlows { get; init; } = 200;
    /// <summary>Longest wait for a phase's backlog to drain before it is reported as not drained.</summary>
    public int DrainSeconds { get; init; } = 120;
    /// <summary>Messages per raw/bus ceiling measurement and the in-flight levels.</summary>
    public int BusMessages { get; init; } = 5_000;
    public IReadOnlyList<int> BusInFlight { get; init; } = [1, 8, 32];
    public IReadOnlyList<int> InsertInFlight { get; init; } = [1, 8, 32];
    public int Inserts { get; init; } = 2_000;
    /// <summary>Runs the other flows (refund, dispute, …) a few times each.</summary>
    public int OtherFlowRuns { get; init; } = 3;
    /// <summary>A second pass of the paced rates on databases seeded with a day of retained traffic.</summary>
    public bool History { get; init; }
    /// <summary>Rows per growing table for <see cref="History"/> (a day at 25 flows/s ≈ 2,160,000 flows).</summary>
    public int HistoryFlows { get; init; } = 2_160_000;
    /// <summary>Empty/history pairs of slices per rate for <see cref="History"/>, the order turned each pair (E H, H E, …).</summary>
    public int HistoryPairs { get; init; } = 2;
    public bool SkipCeilings { get; init; }
    /// <summary>Seconds of CPU measured at rest after the paced rates (0: not measured), to tell a phase's per-flow CPU from the fixed cost.</summary>
    public int IdleSeconds { get; init; } = 15;
    /// <summary>Seconds with nothing offered after each warm-up and before the CPU at rest: background compilation of hot code ends.</summary>
    public int SettleSeconds { get; init; } = 30;
    /// <summary>Processes of every service (issue 16 item 8: replicas on one broker and database); webhooks go to the gateways in turn.</summary>
    public int Replicas { get; init; } = 1;
    public string? Postgres { get; init; }
    public RabbitMqOptions Rabbit { get; init; } = new();

    public static EndToEndOptions Parse(string[] args)
    {
        static string? env(string name) => Environment.GetEnvironmentVariable(name);
        var rabbit = TestBrokerSettings.FromEnvironment();
        var options = new EndToEndOptions
        {
            Postgres = Empty(env(BenchmarkOptions.PostgresVariable)),
            Rabbit = rabbit ?? new RabbitMqOptions(),
        };
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            var option = args[i];
            options = option switch
            {
                "--burst" when value is not null => options with { Burst = Whole(option, value, zero: true) },
                "--rates" when value is not null => options with { Rates = List(option, value) },
                "--seconds" when value is not null => options with { Seconds = Whole(option, value) },
                "--warmup" when value is not null => options with { WarmupFlows = Whole(option, value, zero: true) },
                "--drain" when value is not null => options with { DrainSeconds = Whole(option, value) },
                "--bus-messages" when value is not null => options with { BusMessages = Whole(option, value) },
                "--bus-in-flight" when value is not null => options with { BusInFlight = List(option, value) },
                "--inserts" when value is not null => options with { Inserts = Whole(option, value) },
                "--insert-in-flight" when value is not null => options with { InsertInFlight = List(option, value) },
                "--other-flows" when value is not null => options with { OtherFlowRuns = Whole(option, value, zero: true) },
                "--settle" when value is not null => options with { SettleSeconds = Whole(option, value, zero: true) },
                "--idle-seconds" when value is not null => options with { IdleSeconds = Whole(option, value, zero: true) },
                "--replicas" when value is not null => options with { Replicas = Whole(option, value) },
                "--history-rows" when value is not null => options with { HistoryFlows = Whole(option, value) },
                "--history-pairs" when value is not null => options with { HistoryPairs = Whole(option, value) },
                "--postgres" when value is not null => options with { Postgres = Empty(value) },
                "--history" => options with { History = true },
                "--no-ceilings" => options with { SkipCeilings = true },
                _ => throw new BenchmarkUsageException(option is "-h" or "--help" ? null : $"Unknown or incomplete option '{option}'."),
            };
            if (option is not ("--history" or "--no-ceilings"))
                i++;
        }
        if (rabbit is null)
            throw new BenchmarkUsageException($"{TestBrokerSettings.HostVariable} is not set: source the env.sh of scripts/services.sh.");
        if (options.Postgres is null)
            throw new BenchmarkUsageException($"No PostgreSQL: pass --postgres or set {BenchmarkOptions.PostgresVariable}.");
        return options;
    }

    static int Whole(string option, string value, bool zero = false) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && (n > 0 || zero && n == 0)
            ? n
            : throw new BenchmarkUsageException($"{option} needs a whole number{(zero ? "" : " above zero")}, not '{value}'.");

    static int[] List(string option, string value) =>
        [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(v => Whole(option, v))];

    static string? Empty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    public const string Usage = """
        End-to-end benchmark: the five services as OS processes on RabbitMQ and PostgreSQL (run it with fsync on: scripts/bench.sh),
        charge.succeeded webhooks offered open loop (a burst, then paced rates), latency to the saga's FlowCompleted, CPU per flow
        per process (and PostgreSQL's and RabbitMQ's), resident memory; next to the raw ceilings of the same broker and database
        (RabbitMQ.Client publish+confirm+consume, single-row INSERT+COMMIT) and MassTransit's send-to-consume in the project's bus setup.

          dotnet run -c Release --project tests/Payments.Benchmarks -- e2e [options]

          --burst N             flows posted at once (default 500; 0 skips)
          --rates R,R           paced rates in flows/s (default 25,50,100,150)
          --seconds S           seconds each rate is offered (default 20)
          --warmup N            unmeasured flows at 25/s first (default 200)
          --drain S             longest wait for a phase's backlog (default 120)
          --settle S            nothing offered for S seconds after each warm-up and before the CPU at rest (default 30):
                                the runtime compiles the code the load made hot in the background, for about 20 s
          --idle-seconds S      CPU of every process at rest after the paced rates (and the settling), over S seconds
                                (default 15; 0: not measured);
                                each phase's CPU per flow is then also shown without that fixed share
          --bus-messages N      messages per raw RabbitMQ / MassTransit measurement (default 5000)
          --bus-in-flight L     publishes/sends in flight (default 1,8,32)
          --inserts N           raw INSERT+COMMIT per in-flight level (default 2000)
          --insert-in-flight L  (default 1,8,32)
          --other-flows N       runs of each other flow (default 3; 0 skips)
          --history             a second cluster of the services on databases seeded with a day of retained traffic; the
                                paced rates then run on the two clusters in alternating slices (empty, history, history,
                                empty, …), so that both see the same moments of the machine, and a table compares them
          --history-rows N      flows of history to seed (default 2160000: a day at 25/s), made from the rows 300 flows
                                run on the history cluster first left in each table
          --history-pairs N     empty/history pairs of slices per rate (default 2), each slice --seconds long
          --no-ceilings         skip the raw and bus ceilings
          --replicas N          processes of every service (default 1); webhooks go to the gateways in turn
          --postgres CS         server connection string (default PAYMENTS_TEST_POSTGRES); databases are created and dropped
        The broker is PAYMENTS_TEST_RABBITMQ_{HOST,PORT,USER,PASS,MGMT_URI}; a virtual host is created and deleted.
        """;
}
