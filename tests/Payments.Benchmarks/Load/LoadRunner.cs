using System.Diagnostics;

namespace Payments.Benchmarks.Load;

/// <summary>Runs <c>count</c> operations with <c>concurrency</c> in flight and times each one from start to completion.</summary>
public static class LoadRunner
{
    public static async Task<Measurement> RunAsync(int count, int concurrency, Func<int, Task> operation)
    {
        var latencies = new double[count];
        var next = -1;
        var failures = 0;
        string? firstFailure = null;

        async Task Worker()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await operation(i);
                }
                catch (Exception e)
                {
                    // Counted and shown, not hidden: a run with failures is not a valid figure.
                    if (Interlocked.Increment(ref failures) == 1) firstFailure = e.Message;
                }
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }

        var clock = Stopwatch.StartNew();
        // A thread per worker: Microsoft.Data.Sqlite's async methods complete synchronously, and on the thread pool's
        // two starting threads (2 cores) 32 such workers would not really be 32 in flight.
        await Task.WhenAll(Enumerable.Range(0, concurrency)
            .Select(_ => Task.Factory.StartNew(Worker, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap()));
        clock.Stop();
        return new Measurement(count, concurrency, clock.Elapsed, latencies, failures, firstFailure);
    }
}
