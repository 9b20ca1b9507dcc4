namespace Payments.Persistence.Concurrency;

/// <summary>
/// Wakes one background loop when work was committed for it. A signal given while the loop is busy is kept (unlike a wait handle
/// reset on wake-up), so the next wait returns at once and the next pass sees the new work; many signals before one wait are one.
/// </summary>
public sealed class WakeSignal
{
    readonly Lock _lock = new();
    TaskCompletionSource _signalled = NewSource();

    /// <summary>Waits for a signal given since the last wait ended, at most <paramref name="timeout"/> (the loop's polling interval).</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        Task signalled;
        lock (_lock)
            signalled = _signalled.Task;

        if (!signalled.IsCompleted)
        {
            using var poll = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            await Task.WhenAny(signalled, Task.Delay(timeout, time, poll.Token)).ConfigureAwait(false);
            await poll.CancelAsync().ConfigureAwait(false);
        }
        cancellationToken.ThrowIfCancellationRequested();

        lock (_lock)
        {
            if (_signalled.Task.IsCompleted)
                _signalled = NewSource();
        }
    }

    public void Set()
    {
        lock (_lock)
            _signalled.TrySetResult();
    }

    static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
