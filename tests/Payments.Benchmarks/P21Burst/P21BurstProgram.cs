using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using MassTransit;
using Payments.Benchmarks.Databases;
using Payments.Contracts.ChargeToOrder;
using Payments.Contracts.Shared;
using Payments.P21Service.Data;
using Payments.ServiceDefaults;
using Payments.Simulators.P21;
using Payments.Simulators.P21.Faults;
using Payments.Simulators.P21.Store;
using Payments.Testing.Cluster;

namespace Payments.Benchmarks.P21Burst;

/// <summary>
/// The <c>p21-burst</c> mode: the P21 service as its own process on the real RabbitMQ (a virtual host of the run's own) and PostgreSQL (a database
/// of its own), the P21 simulator in this process taking <c>--latency</c> per Transaction API call on a pool of <c>--pool</c>; a burst of
/// <c>--charges</c> post-order commands sent at once. Prints how fast the burst drains against what P21 can take (limit / latency), the ratio,
/// P21's refusals and time-outs, faults, <c>_error</c>, and the service's resident memory over the run. Figures, not a test: it asserts nothing
/// about time; it exits 1 when an order is missing or doubled, or a message faulted.
/// </summary>
public static class P21BurstProgram
{
    const string Queue = "post-p21-order";
    static readonly TimeSpan Stalled = TimeSpan.FromMinutes(3);

    public static async Task<int> RunAsync(string[] args)
    {
        P21BurstOptions options;
        try { options = P21BurstOptions.Parse(args); }
        catch (BenchmarkUsageException e)
        {
            if (e.Message != "usage") Console.Error.WriteLine(e.Message);
            Console.WriteLine(P21BurstOptions.Usage);
            return e.Message == "usage" ? 0 : 2;
        }

        Console.WriteLine($"P21 burst: {options.Charges} post-order commands at once; P21 takes {options.Latency.TotalMilliseconds:0} ms a call on {options.Pool} API "
            + $"instances; the service may have {options.Limit} calls in flight (P21:Http:MaxConcurrentRequests), "
            + $"{(options.Messages is { } m ? m.ToString(CultureInfo.InvariantCulture) : "default")} messages (P21:MaxConcurrentMessages). "
            + $"Capacity {options.CapacityPerSecond:0.#} orders/s. {Environment.ProcessorCount} cores.");

        await using var broker = await VirtualHostBroker.CreateAsync(options.Rabbit, $"payments-p21-burst-{Guid.NewGuid().ToString("N")[..8]}");
        await using var database = await PostgresBenchmarkDatabase.CreateAsync(options.Postgres);
        await database.InspectAsync();
        await using var p21 = await P21Simulator.StartAsync(new P21SimulatorOptions { SessionPoolSize = options.Pool, TransactionLatency = options.Latency });
        var rabbit = broker.Options;
        var work = Path.Combine(Path.GetTempPath(), rabbit.VirtualHost);
        Console.WriteLine($"RabbitMQ virtual host {rabbit.VirtualHost}; {database.Describe()}; service log {work}");

        var posted = new ConcurrentDictionary<string, byte>();
        var faults = 0;
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(rabbit.Host, rabbit.Port, rabbit.VirtualHost, h =>
            {
                h.Username(rabbit.Username);
                h.Password(rabbit.Password);
            });
            cfg.ReceiveEndpoint("p21-burst-observer", e =>
            {
                e.Handler<P21OrderPosted>(c =>
                {
                    posted.TryAdd(c.Message.ChargeId, 0);
                    return Task.CompletedTask;
                });
                e.Handler<Fault<PostP21Order>>(_ =>
                {
                    Interlocked.Increment(ref faults);
                    return Task.CompletedTask;
                });
            });
        });
        await bus.StartAsync();
        try
        {
            await using var service = ServiceProcess.Start("Payments.P21Service", work, ServiceSettings(options, rabbit, database, p21));
            await service.WaitUntilHealthyAsync(TimeSpan.FromMinutes(3));
            await broker.WaitForConsumerAsync(Queue, TimeSpan.FromMinutes(1));
            var endpoint = await bus.GetSendEndpoint(new Uri($"queue:{Queue}"));

            // Warm-up, not measured: the first orders pay for JIT, EF Core's model and the connection pools.
            var warmup = options.Limit * 10;
            await SendAsync(endpoint, warmup);
            await DrainAsync(() => posted.Count >= warmup, () => posted.Count, null);
            Console.WriteLine($"warm-up: {warmup} orders posted; resident {Megabytes(service.ResidentBytes):0} MB");

            p21.Pool.ResetPeaks();
            var callsBefore = p21.Requests.Count;
            var cpuBefore = service.CpuTime;
            var machineBefore = MachineCpu();
            var ownBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var memory = new List<(TimeSpan At, double Megabytes)>();
            long peakUnacknowledged = 0;
            var started = Stopwatch.StartNew();
            var charges = await SendAsync(endpoint, options.Charges);
            var sent = started.Elapsed;
            Console.WriteLine($"sent {options.Charges} in {sent.TotalSeconds:0.0} s");
            var target = warmup + options.Charges;
            var drained = await DrainAsync(() => posted.Count >= target, () => posted.Count - warmup, async elapsed =>
            {
                memory.Add((elapsed, Megabytes(service.ResidentBytes)));
                if (memory.Count % 5 == 0) peakUnacknowledged = Math.Max(peakUnacknowledged, await broker.UnacknowledgedAsync(Queue));
                if (memory.Count % 30 == 0)
                    Console.WriteLine($"  {elapsed.TotalSeconds,5:0} s  posted {posted.Count - warmup,6}  resident {memory[^1].Megabytes,4:0} MB  "
                        + $"P21 pool in use {p21.Pool.State.InUse}");
            }, started);
            var elapsed = started.Elapsed;
            var cpu = service.CpuTime - cpuBefore;
            var machine = MachineCpu();
            var machineBusy = (machine.Busy - machineBefore.Busy) / (double)Math.Max(1, machine.Total - machineBefore.Total);
            var own = Process.GetCurrentProcess().TotalProcessorTime - ownBefore;
            var load = File.ReadAllText("/proc/loadavg").Split(' ')[1];
            var errors = (await broker.CountAsync(Queue + "_error"))?.Messages ?? 0;
            var calls = p21.Requests.Skip(callsBefore).ToList();
            var transactionCalls = calls.Count(c => c.Route == P21Route.Transaction);
            var refusedCalls = calls.Count(c => c.StatusCode >= 400);
            var pool = p21.Pool.State;
            var doubled = charges.Count(c => p21.Store.FindOrdersByReference(c).Count > 1);
            var missing = charges.Count(c => p21.Store.FindOrdersByReference(c).Count == 0);
            var timeouts = service.LogLinesContaining("timeout") + service.LogLinesContaining("timed out");
            var rate = options.Charges / elapsed.TotalSeconds;

            var steady = memory.Where(s => s.At > elapsed / 10).Select(s => s.Megabytes).DefaultIfEmpty(0).ToList();
            Console.WriteLine();
            Console.WriteLine("| figure | value |");
            Console.WriteLine("|---|---|");
            Console.WriteLine($"| orders posted / sent | {posted.Count - warmup} / {options.Charges}{(drained ? "" : " (stalled)")} |");
            Console.WriteLine($"| drained in | {elapsed.TotalSeconds:0.0} s (sending took {sent.TotalSeconds:0.0} s) |");
            Console.WriteLine($"| drain rate | {rate:0.0} orders/s |");
            Console.WriteLine($"| configured capacity (limit / latency) | {options.CapacityPerSecond:0.0} orders/s |");
            Console.WriteLine($"| ratio | {rate / options.CapacityPerSecond:0.00} |");
            Console.WriteLine($"| P21 pool: peak in use / size, refused, peak waiting | {pool.PeakInUse} / {pool.Size}, {pool.Refused}, {pool.PeakWaiting} |");
            Console.WriteLine($"| Transaction API calls (one per order without retries) | {transactionCalls} |");
            Console.WriteLine($"| P21 calls answered ≥ 400 | {refusedCalls} |");
            Console.WriteLine($"| service log lines naming a time-out | {timeouts} |");
            Console.WriteLine($"| faults (Fault<PostP21Order>) | {faults} |");
            Console.WriteLine($"| {Queue}_error | {errors} |");
            Console.WriteLine($"| orders missing / doubled in P21 | {missing} / {doubled} |");
            Console.WriteLine($"| {Queue} unacknowledged, peak sampled | {peakUnacknowledged} |");
            Console.WriteLine($"| service resident memory: min / median / max after the first 10 % | {steady.Min():0} / {Median(steady):0} / {steady.Max():0} MB |");
            Console.WriteLine($"| service resident memory by tenth of the run | {string.Join(" ", Tenths(memory, elapsed).Select(m => m.ToString("0", CultureInfo.InvariantCulture)))} MB |");
            Console.WriteLine($"| service CPU per order | {cpu.TotalMilliseconds / options.Charges:0.00} ms ({cpu.TotalSeconds:0.0} s) |");
            Console.WriteLine($"| this program's CPU (simulator, observer) per order | {own.TotalMilliseconds / options.Charges:0.00} ms |");
            Console.WriteLine($"| machine CPU busy during the run (all processes) / load average (5 min) | {machineBusy:P0} / {load} |");
            return drained && missing == 0 && doubled == 0 && faults == 0 && errors == 0 ? 0 : 1;
        }
        finally
        {
            await bus.StopAsync();
        }
    }

    static async Task<IReadOnlyList<string>> SendAsync(ISendEndpoint endpoint, int count)
    {
        var payments = Enumerable.Range(0, count).Select(_ => new PaymentDetails
        {
            ChargeId = "ch_" + Guid.NewGuid().ToString("N")[..24],
            PaymentIntentId = "pi_" + Guid.NewGuid().ToString("N")[..24],
            AmountMinor = 2468,
            Currency = "USD",
            CustomerEmail = P21Seed.AcmeEmail,
            CustomerName = "Acme Supply Co",
            PaidAt = DateTimeOffset.UtcNow,
        }).ToList();
        foreach (var chunk in payments.Chunk(200))
            await Task.WhenAll(chunk.Select(payment => endpoint.Send(new PostP21Order
            {
                CorrelationId = CorrelationKey.StripePayment(payment.PaymentIntentId, payment.ChargeId).ToGuid(), Payment = payment,
            })));
        return [.. payments.Select(p => p.ChargeId)];
    }

    /// <summary>Waits until <paramref name="done"/>, sampling every second; false when nothing was posted for <see cref="Stalled"/>.</summary>
    static async Task<bool> DrainAsync(Func<bool> done, Func<int> progress, Func<TimeSpan, Task>? sample, Stopwatch? clock = null)
    {
        clock ??= Stopwatch.StartNew();
        var last = progress();
        var lastProgress = clock.Elapsed;
        while (!done())
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            if (sample is not null) await sample(clock.Elapsed);
            if (progress() != last)
            {
                last = progress();
                lastProgress = clock.Elapsed;
            }
            else if (clock.Elapsed - lastProgress > Stalled)
                return false;
        }
        return true;
    }

    /// <summary>
    /// The P21 service's environment: the run's virtual host, its database, the simulator with the run's pool and limits, and logging at
    /// Warning (a line per order would cost what is measured; a time-out or a fault shows up).
    /// </summary>
    static Dictionary<string, string> ServiceSettings(P21BurstOptions options, RabbitMqOptions rabbit, PostgresBenchmarkDatabase database, P21Simulator p21)
    {
        string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
        var environment = ServiceEnvironment.Bus(rabbit, "Classic");
        foreach (var (key, value) in ServiceEnvironment.P21(p21))
            environment[key] = value;
        environment["Logging__LogLevel__Default"] = "Warning";
        environment["P21__SessionPoolSize"] = Text(options.Pool);
        environment["P21__Http__MaxConcurrentRequests"] = Text(options.Limit);
        if (options.Messages is { } messages) environment["P21__MaxConcurrentMessages"] = Text(messages);
        foreach (var (key, value) in database.ServiceConfiguration(P21ServiceDbContext.ConnectionStringName))
            if (value is not null) environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        return environment;
    }

    static double Megabytes(long bytes) => bytes / (1024.0 * 1024.0);

    /// <summary>Busy and total jiffies of all cores since boot (/proc/stat), for how much of the machine the run had.</summary>
    static (long Busy, long Total) MachineCpu()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var idle = fields[3] + fields[4];
        var total = fields.Take(8).Sum();
        return (total - idle, total);
    }

    static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted[sorted.Count / 2];
    }

    /// <summary>The last sample of each tenth of the run.</summary>
    static IEnumerable<double> Tenths(List<(TimeSpan At, double Megabytes)> samples, TimeSpan total) =>
        Enumerable.Range(1, 10).Select(i => samples.LastOrDefault(s => s.At <= total * i / 10).Megabytes);
}
