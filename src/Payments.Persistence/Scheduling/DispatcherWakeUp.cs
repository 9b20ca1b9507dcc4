namespace Payments.Persistence.Scheduling;

/// <summary>
/// Lets the consumer tell the dispatcher, once a schedule is committed, that it is due before the dispatcher planned
/// to look again. A schedule stored while a round runs may have been missed by it, so it always causes another round.
/// </summary>
public sealed class DispatcherWakeUp
{
    readonly Lock _lock = new();
    TaskCompletionSource _woken = NewSource();
    DateTime _planned = DateTime.MaxValue;

    /// <summary>A schedule due at <paramref name="dueTime"/> (UTC) was committed.</summary>
    public void Due(DateTime dueTime)
    {
        lock (_lock)
        {
            if (dueTime >= _planned)
                return;
            _planned = dueTime;
            _woken.TrySetResult();
        }
    }

    internal void BeginRound()
    {
        lock (_lock)
        {
            _woken = NewSource();
            _planned = DateTime.MaxValue;
        }
    }

    /// <summary>Sleeps until <paramref name="wakeTime"/> (UTC) or an earlier <see cref="Due"/>.</summary>
    internal async Task WaitUntil(DateTime wakeTime, TimeProvider time, CancellationToken cancellationToken)
    {
        Task woken;
        lock (_lock)
        {
            if (!_woken.Task.IsCompleted)
                _planned = wakeTime;
            woken = _woken.Task;
        }

        var delay = wakeTime - time.GetUtcNow().UtcDateTime;
        if (woken.IsCompleted || delay <= TimeSpan.Zero)
            return;

        using var sleep = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await Task.WhenAny(woken, Task.Delay(delay, time, sleep.Token));
        await sleep.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }

    static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
