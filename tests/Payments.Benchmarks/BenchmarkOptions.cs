using System.Globalization;

namespace Payments.Benchmarks;

/// <summary>Command line: <c>--events N --concurrency 8,32 --warmup N --postgres "&lt;connection string&gt;"</c>.</summary>
public sealed record BenchmarkOptions
{
    public const string PostgresVariable = "PAYMENTS_TEST_POSTGRES";

    /// <summary>Events (or raw inserts) per measured run.</summary>
    public int Events { get; init; } = 2_000;

    /// <summary>Requests in flight; 1 is always measured as well.</summary>
    public IReadOnlyList<int> Concurrency { get; init; } = [1, 8, 32];

    /// <summary>Each run is cut into this many slices, gateway and raw alternating.</summary>
    public int Slices { get; init; } = 5;

    /// <summary>Unmeasured operations before each database's first run: JIT, connection pools, Kestrel.</summary>
    public int Warmup { get; init; } = 2000;

    /// <summary>A PostgreSQL server to measure on (a throwaway database is created there and dropped); null: SQLite only.</summary>
    public string? Postgres { get; init; }

    /// <summary>Measure SQLite too (the sandbox's database); off with <c>--no-sqlite</c> when only PostgreSQL's figures matter.</summary>
    public bool Sqlite { get; init; } = true;

    public static BenchmarkOptions Parse(string[] args)
    {
        var options = new BenchmarkOptions { Postgres = NullIfEmpty(Environment.GetEnvironmentVariable(PostgresVariable)) };
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--events" when value is not null:
                    options = options with { Events = Positive(args[i], value) };
                    i++;
                    break;
                case "--slices" when value is not null:
                    options = options with { Slices = Positive(args[i], value) };
                    i++;
                    break;
                case "--warmup" when value is not null:
                    options = options with { Warmup = int.Parse(value, CultureInfo.InvariantCulture) };
                    i++;
                    break;
                case "--concurrency" when value is not null:
                    var levels = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                        .Select(v => Positive(args[i], v));
                    options = options with { Concurrency = [.. levels.Prepend(1).Distinct().Order()] };
                    i++;
                    break;
                case "--no-sqlite":
                    options = options with { Sqlite = false };
                    break;
                case "--postgres" when value is not null:
                    options = options with { Postgres = NullIfEmpty(value) };
                    i++;
                    break;
                default:
                    throw new BenchmarkUsageException(args[i] is "-h" or "--help" ? null : $"Unknown or incomplete option '{args[i]}'.");
            }
        }
        return options;
    }

    static int Positive(string option, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new BenchmarkUsageException($"{option} needs a whole number above zero, not '{value}'.");

    static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    public const string Usage = $"""
        Gateway ingest benchmark: signed charge.succeeded webhooks through the real gateway (verify, record, publish, commit)
        against raw single-row INSERT + COMMIT on the same database.

          dotnet run -c Release --project tests/Payments.Benchmarks -- [options]

          --events N          events (and raw inserts) per measured run (default 2000)
          --concurrency L     comma-separated requests in flight, 1 is always added (default 8,32)
          --slices S          run each in S slices, gateway and raw alternating (default 5)
          --warmup N          unmeasured operations per database first (default 2000: the gateway's code settles in the JIT first)
          --no-sqlite         measure PostgreSQL only
          --postgres CS       also measure on PostgreSQL (Npgsql connection string; default ${PostgresVariable});
                              a database payments_bench_* is created there and dropped afterwards

        The payout reconciliation benchmark: dotnet run -c Release --project tests/Payments.Benchmarks -- payouts --help
        """;
}

public sealed class BenchmarkUsageException(string? problem) : Exception(problem ?? "usage");
