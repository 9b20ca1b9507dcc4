using Payments.Benchmarks.Databases;
using Payments.Benchmarks.Ingest;
using Payments.Benchmarks.Load;
using Payments.Simulators.Stripe;

namespace Payments.Benchmarks;

/// <summary>The gateway's ingest and the raw insert baseline at each concurrency, on one database, interleaved so both see the same machine load.</summary>
public sealed class IngestBenchmark(BenchmarkOptions options, TextWriter log)
{
    public async Task<DatabaseResult> RunAsync(BenchmarkDatabase database)
    {
        var secret = "whsec_bench_" + Guid.NewGuid().ToString("N");
        await using var gateway = await GatewayUnderTest.StartAsync(database.GatewayConfiguration, secret);
        await database.CreateRawTableAsync();
        log.WriteLine($"{database.Describe()}: gateway at {gateway.WebhookUrl}");

        using var webhooks = new SignedWebhooks(gateway.WebhookUrl, secret);
        // The raw rows carry a body of the same size as the gateway stores.
        var payload = StripeEventBuilder.ChargeSucceeded(SignedWebhooks.Charge()).Json;
        var warmupConcurrency = options.Concurrency.Max();
        var rawRun = 0;

        // A slice lasts until its events' intake entries are in the audit trail too: the gateway writes them after answering, and
        // that work must not spill into the raw slice that follows.
        async Task<Measurement> Gateway(int count, int concurrency)
        {
            var events = SignedWebhooks.Prepare(count);
            var answered = await LoadRunner.RunAsync(count, concurrency, i => webhooks.PostAsync(events[i]));
            var settling = System.Diagnostics.Stopwatch.StartNew();
            while (await database.CountUnauditedGatewayEventsAsync() > 0 && settling.Elapsed < TimeSpan.FromMinutes(1))
                await Task.Delay(2);
            return answered.Lasting(settling.Elapsed);
        }

        async Task<Measurement> Raw(int count, int concurrency)
        {
            var run = ++rawRun;
            return await LoadRunner.RunAsync(count, concurrency, i => database.InsertRawAsync($"raw_{run}_{i}", payload));
        }

        var warmups = new List<Measurement>();
        if (options.Warmup > 0)
        {
            warmups.Add(await Gateway(options.Warmup, warmupConcurrency));
            warmups.Add(await Raw(options.Warmup, warmupConcurrency));
        }

        var rows = new List<ConcurrencyResult>();
        foreach (var concurrency in options.Concurrency)
        {
            // Alternating slices, so that both paths sample the same moments of a busy machine.
            var gatewaySlices = new List<Measurement>();
            var rawSlices = new List<Measurement>();
            foreach (var size in SliceSizes(options.Events, options.Slices))
            {
                gatewaySlices.Add(await Gateway(size, concurrency));
                rawSlices.Add(await Raw(size, concurrency));
            }
            var ingest = Measurement.Combine(gatewaySlices);
            var raw = Measurement.Combine(rawSlices);
            log.WriteLine($"  concurrency {concurrency,3}: gateway {ingest.PerSecond,8:0}/s, raw {raw.PerSecond,8:0}/s");
            rows.Add(new ConcurrencyResult(concurrency, ingest, raw));
        }

        // Nothing lost, nothing doubled: every accepted webhook is a row, and every raw insert too.
        var expected = (options.Warmup > 0 ? options.Warmup : 0) + (long)options.Events * options.Concurrency.Count;
        var check = new RowCheck(expected, await database.CountGatewayEventsAsync(), await database.CountRawRowsAsync(),
            warmups.Sum(w => w.Failures), await database.CountUnauditedGatewayEventsAsync());
        return new DatabaseResult(database.Name, database.Describe(), rows, check);
    }

    static IEnumerable<int> SliceSizes(int total, int slices)
    {
        slices = Math.Min(slices, total);
        for (var i = 0; i < slices; i++)
            yield return total / slices + (i < total % slices ? 1 : 0);
    }
}

public sealed record ConcurrencyResult(int Concurrency, Measurement Gateway, Measurement Raw)
{
    /// <summary>Gateway throughput as a share of what the database does alone.</summary>
    public double Ratio => Gateway.PerSecond / Raw.PerSecond;
}

public sealed record RowCheck(long Expected, long GatewayRows, long RawRows, int WarmupFailures, long Unaudited)
{
    public bool Holds => GatewayRows == Expected && RawRows == Expected && WarmupFailures == 0 && Unaudited == 0;
}

public sealed record DatabaseResult(string Database, string Details, IReadOnlyList<ConcurrencyResult> Rows, RowCheck Check)
{
    public bool Valid => Check.Holds && Rows.All(r => r.Gateway.Failures == 0 && r.Raw.Failures == 0);
}
