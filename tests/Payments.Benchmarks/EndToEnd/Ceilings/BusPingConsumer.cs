using MassTransit;

namespace Payments.Benchmarks.EndToEnd.Ceilings;

/// <summary>Counts pings; nothing else, so that what is measured is the bus.</summary>
public sealed class BusPingConsumer(BusPingCounter counter) : IConsumer<BusPing>
{
    public Task Consume(ConsumeContext<BusPing> context)
    {
        counter.Received();
        return Task.CompletedTask;
    }
}

/// <summary>Signals once the expected number of pings arrived.</summary>
public sealed class BusPingCounter
{
    int _received;
    int _expected = int.MaxValue;
    TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Expect(int count)
    {
        _received = 0;
        _done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _expected, count);
        return _done.Task;
    }

    public void Received()
    {
        if (Interlocked.Increment(ref _received) == Volatile.Read(ref _expected))
            _done.TrySetResult();
    }
}
