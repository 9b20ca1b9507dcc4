using Payments.Benchmarks;
using Payments.Benchmarks.Databases;
using Payments.Benchmarks.EndToEnd;
using Payments.Benchmarks.P21Burst;
using Payments.Benchmarks.Payouts;

// "payouts …": the payout reconciliation benchmark; "p21-burst …": backpressure toward P21; "e2e …": the services as processes under
// load, next to the raw ceilings of the same broker and database; anything else is the gateway ingest benchmark, as before.
if (args is ["payouts", .. var payoutArgs])
    return await PayoutProgram.RunAsync(payoutArgs);
if (args is ["p21-burst", .. var burstArgs])
    return await P21BurstProgram.RunAsync(burstArgs);
if (args is ["e2e", .. var endToEndArgs])
    return await EndToEndProgram.RunAsync(endToEndArgs);

BenchmarkOptions options;
try { options = BenchmarkOptions.Parse(args); }
catch (BenchmarkUsageException e)
{
    if (e.Message != "usage") Console.Error.WriteLine(e.Message);
    Console.WriteLine(BenchmarkOptions.Usage);
    return e.Message == "usage" ? 0 : 2;
}

Console.WriteLine(ResultTable.Header(options));
Console.WriteLine();
var benchmark = new IngestBenchmark(options, Console.Out);
var results = new List<DatabaseResult>();

if (options.Sqlite)
{
    await using var sqlite = new SqliteBenchmarkDatabase();
    results.Add(await benchmark.RunAsync(sqlite));
}

if (options.Postgres is { } postgres)
{
    await using var database = await PostgresBenchmarkDatabase.CreateAsync(postgres);
    results.Add(await benchmark.RunAsync(database));
}
else
{
    Console.WriteLine($"PostgreSQL skipped: pass --postgres \"<connection string>\" or set {BenchmarkOptions.PostgresVariable}.");
}

Console.WriteLine();
Console.WriteLine(ResultTable.Render(results));
return results.All(r => r.Valid) ? 0 : 1;
