using Payments.Benchmarks.Databases;
using Payments.Benchmarks.Load;
using Payments.Simulators.Stripe;

namespace Payments.Benchmarks.EndToEnd.Ceilings;

/// <summary>The ingest mode's baseline on the same server: single-row INSERT + COMMIT per transaction (<see cref="BenchmarkDatabase.InsertRawAsync"/>).</summary>
public static class RawInsertCeiling
{
    public static async Task<(string Server, IReadOnlyList<(int InFlight, double PerSecond)> Rows)> MeasureAsync(string postgres, int inserts,
        IReadOnlyList<int> inFlight)
    {
        await using var database = await PostgresBenchmarkDatabase.CreateAsync(postgres);
        await database.CreateRawTableAsync();
        var payload = StripeEventBuilder.ChargeSucceeded(Ingest.SignedWebhooks.Charge()).Json;
        await LoadRunner.RunAsync(Math.Min(200, inserts), 8, i => database.InsertRawAsync($"warm_{i}", payload));
        var rows = new List<(int, double)>();
        foreach (var level in inFlight)
        {
            var run = await LoadRunner.RunAsync(inserts, level, i => database.InsertRawAsync($"raw_{level}_{i}", payload));
            if (run.Failures > 0)
                throw new InvalidOperationException($"Raw insert failed {run.Failures} time(s): {run.FirstFailure}");
            rows.Add((level, run.PerSecond));
        }
        return (database.Describe(), rows);
    }
}
