using System.Globalization;
using Payments.ServiceDefaults;
using Payments.Testing.Cluster;

namespace Payments.Benchmarks.P21Burst;

/// <summary>The <c>p21-burst</c> mode's arguments; the broker and the database come from the test environment's variables.</summary>
public sealed class P21BurstOptions
{
    /// <summary>Post-order commands published at once.</summary>
    public int Charges { get; private set; } = 10_000;
    /// <summary>How long P21 takes per Transaction API call (the simulator's pool latency).</summary>
    public TimeSpan Latency { get; private set; } = TimeSpan.FromMilliseconds(200);
    /// <summary>P21 calls in flight at once from the service (<c>P21:Http:MaxConcurrentRequests</c>).</summary>
    public int Limit { get; private set; } = 5;
    /// <summary>P21's API instances (the simulator's pool and <c>P21:SessionPoolSize</c>).</summary>
    public int Pool { get; private set; } = 5;
    /// <summary><c>P21:MaxConcurrentMessages</c>; null keeps the service's default (twice the limit).</summary>
    public int? Messages { get; private set; }

    public RabbitMqOptions Rabbit { get; private set; } = new();
    public string Postgres { get; private set; } = "";

    public const string Usage = """
        usage: p21-burst [--charges N] [--latency 200ms] [--limit 5] [--pool 5] [--messages M]
          --charges N      post-order commands published at once (default 10000)
          --latency T      P21's time per Transaction API call: 200ms, 0.2s (default 200ms)
          --limit L        P21:Http:MaxConcurrentRequests, calls in flight (default 5; at most the pool)
          --pool P         P21's API instances, the simulator's and P21:SessionPoolSize (default 5)
          --messages M     P21:MaxConcurrentMessages (default: the service's, twice the limit)
        Needs PAYMENTS_TEST_RABBITMQ_HOST (…_PORT, _USER, _PASS, _MGMT_URI) and PAYMENTS_TEST_POSTGRES: source /tmp/payments-dev/env.sh.
        """;

    public static P21BurstOptions Parse(string[] args)
    {
        var options = new P21BurstOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new BenchmarkUsageException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--charges": options.Charges = Positive("--charges", Value()); break;
                case "--latency": options.Latency = Duration(Value()); break;
                case "--limit": options.Limit = Positive("--limit", Value()); break;
                case "--pool": options.Pool = Positive("--pool", Value()); break;
                case "--messages": options.Messages = Positive("--messages", Value()); break;
                case "-h" or "--help": throw new BenchmarkUsageException(null);
                default: throw new BenchmarkUsageException($"Unknown argument {args[i]}.");
            }
        }
        if (options.Limit > options.Pool)
            throw new BenchmarkUsageException($"--limit ({options.Limit}) may not exceed --pool ({options.Pool}); the service refuses to start so.");
        options.Rabbit = TestBrokerSettings.FromEnvironment()
            ?? throw new BenchmarkUsageException($"{TestBrokerSettings.HostVariable} is not set (source /tmp/payments-dev/env.sh).");
        options.Postgres = Environment.GetEnvironmentVariable(BenchmarkOptions.PostgresVariable) is { Length: > 0 } postgres ? postgres
            : throw new BenchmarkUsageException($"{BenchmarkOptions.PostgresVariable} is not set (source /tmp/payments-dev/env.sh).");
        return options;
    }

    /// <summary>What P21 can take: <see cref="Limit"/> calls at a time, each <see cref="Latency"/> long.</summary>
    public double CapacityPerSecond => Limit / Latency.TotalSeconds;

    static int Positive(string name, string text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0 ? value
            : throw new BenchmarkUsageException($"{name} must be a positive whole number (got '{text}').");

    static TimeSpan Duration(string text)
    {
        var (number, scale) = text.EndsWith("ms", StringComparison.Ordinal) ? (text[..^2], 1.0)
            : text.EndsWith('s') ? (text[..^1], 1000.0) : (text, 1.0);
        return double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0
            ? TimeSpan.FromMilliseconds(value * scale)
            : throw new BenchmarkUsageException($"--latency must be a positive duration such as 200ms or 0.2s (got '{text}').");
    }
}
