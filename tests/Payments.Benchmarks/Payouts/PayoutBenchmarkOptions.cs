using System.Globalization;

namespace Payments.Benchmarks.Payouts;

/// <summary>Command line of the payouts mode: <c>payouts --sizes 1000,10000 --warmup N --postgres "&lt;connection string&gt;"</c>.</summary>
public sealed record PayoutBenchmarkOptions
{
    /// <summary>Charges in each measured payout, smallest first.</summary>
    public IReadOnlyList<int> Sizes { get; init; } = [1_000, 10_000];

    /// <summary>Charges in an unmeasured payout run first on each database (JIT, EF Core's model, connection pools); 0: none.</summary>
    public int Warmup { get; init; } = 300;

    /// <summary>A PostgreSQL server to measure on as well (throwaway databases are created there and dropped); null: SQLite only.</summary>
    public string? Postgres { get; init; }

    public static PayoutBenchmarkOptions Parse(string[] args)
    {
        var options = new PayoutBenchmarkOptions { Postgres = NullIfEmpty(Environment.GetEnvironmentVariable(BenchmarkOptions.PostgresVariable)) };
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--sizes" when value is not null:
                    var sizes = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(v => Size(args[i], v)).ToList();
                    options = options with { Sizes = sizes.Count > 0 ? [.. sizes.Distinct().Order()] : throw new BenchmarkUsageException("--sizes needs at least one size.") };
                    i++;
                    break;
                case "--warmup" when value is not null:
                    options = options with { Warmup = value == "0" ? 0 : Size(args[i], value) };
                    i++;
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

    static int Size(string option, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= PayoutScenario.MinimumCharges and <= Simulators.Stripe.Account.StripeAccount.MaxBulkCharges
            ? n
            : throw new BenchmarkUsageException(
                $"{option} needs whole numbers from {PayoutScenario.MinimumCharges} to {Simulators.Stripe.Account.StripeAccount.MaxBulkCharges}, not '{value}'.");

    static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    public const string Usage = $"""
        Payout reconciliation benchmark: one automatic Stripe payout of N charges (each with its P21 order), three refunds, two disputes,
        (a) paged through with Stripe.net alone, counting, and (b) reconciled by the Stripe service's listing and the P21 service's journal;
        wall time, memory, and a check of the rows, the nets and the journal.

          dotnet run -c Release --project tests/Payments.Benchmarks -- payouts [options]

          --sizes L           comma-separated charges per payout (default 1000,10000)
          --warmup N          charges in an unmeasured payout first, on each database (default 300; 0: none)
          --postgres CS       also measure on PostgreSQL (Npgsql connection string; default ${BenchmarkOptions.PostgresVariable});
                              databases payments_bench_* are created there and dropped afterwards
        """;
}
