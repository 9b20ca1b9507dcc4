using Payments.Benchmarks.Databases;

namespace Payments.Benchmarks.Payouts;

/// <summary>The payouts mode: each size on SQLite, then on PostgreSQL when a server is given, one payout at a time; the table; 0 when every check held.</summary>
public static class PayoutProgram
{
    public static async Task<int> RunAsync(string[] args)
    {
        PayoutBenchmarkOptions options;
        try { options = PayoutBenchmarkOptions.Parse(args); }
        catch (BenchmarkUsageException e)
        {
            if (e.Message != "usage") Console.Error.WriteLine(e.Message);
            Console.WriteLine(PayoutBenchmarkOptions.Usage);
            return e.Message == "usage" ? 0 : 2;
        }

        Console.WriteLine(PayoutResultTable.Header(options));
        Console.WriteLine();
        var databases = new List<(string Name, Func<string, Task<BenchmarkDatabase>> Create)>
        {
            ("SQLite", service => Task.FromResult<BenchmarkDatabase>(new SqliteBenchmarkDatabase(service + ".db"))),
        };
        if (options.Postgres is { } postgres)
            databases.Add(("PostgreSQL", async _ => await PostgresBenchmarkDatabase.CreateAsync(postgres)));
        else
            Console.WriteLine($"PostgreSQL skipped: pass --postgres \"<connection string>\" or set {BenchmarkOptions.PostgresVariable}.");

        var benchmark = new PayoutBenchmark(Console.Out);
        var results = new List<PayoutResult>();
        var warmupsHeld = true;
        try
        {
            foreach (var (name, create) in databases)
            {
                if (options.Warmup > 0)
                {
                    Console.WriteLine($"{name}: warm-up, not measured");
                    var warmup = await benchmark.RunAsync(options.Warmup, create);
                    if (!warmup.Holds)
                    {
                        warmupsHeld = false;
                        Console.WriteLine(PayoutResultTable.Check(warmup));
                    }
                }
                foreach (var size in options.Sizes)
                    results.Add(await benchmark.RunAsync(size, create));
            }
        }
        catch (Exception e)
        {
            // A failure is a result too: the figures so far, then what went wrong, and a non-zero exit.
            Console.WriteLine();
            if (results.Count > 0) Console.WriteLine(PayoutResultTable.Render(results));
            Console.Error.WriteLine($"The payout benchmark failed: {e}");
            return 1;
        }

        Console.WriteLine();
        Console.WriteLine(PayoutResultTable.Render(results));
        return warmupsHeld && results.All(r => r.Holds) ? 0 : 1;
    }
}
