// Each spec builds its own harness, saga repository and clock per test, and most of a spec's time is spent waiting for the harness
// to go idle: fixtures run side by side (a fixture's own tests one after the other, as they share its fields).
[assembly: Parallelizable(ParallelScope.Fixtures)]
[assembly: LevelOfParallelism(4)]

namespace Payments.Sagas.Tests;

/// <summary>
/// Four harnesses at once on two cores: the thread pool starts with as many threads as cores and adds more slowly, and a harness that
/// waits longer than its inactivity timeout (1.2 s) for a thread counts itself idle before its messages are consumed.
/// </summary>
[SetUpFixture]
public sealed class Parallelism
{
    [OneTimeSetUp]
    public void EnoughThreads()
    {
        ThreadPool.GetMinThreads(out var workers, out var completion);
        ThreadPool.SetMinThreads(Math.Max(workers, 32), Math.Max(completion, 32));
    }
}
