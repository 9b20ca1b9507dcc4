namespace Payments.Simulators.P21.Pool;

/// <summary>
/// P21's pool of API instances (docs/external-apis/p21.md#session-pool-and-limits): a UI-server call needs one of
/// <see cref="Size"/> instances and waits up to <see cref="Wait"/> for one, first come first served, then fails. A call keeps
/// its place even when its client has given up on it, so it may still run afterwards, as on P21. Other users' work can be
/// simulated with <see cref="Occupy"/>.
/// </summary>
public sealed class P21SessionPool
{
    readonly Lock _gate = new();
    readonly LinkedList<TaskCompletionSource<bool>> _waiting = new();
    readonly TimeProvider _time;
    int _size;
    TimeSpan _wait, _latency;
    int _inUse, _peakInUse, _peakWaiting;
    long _served, _refused;

    public P21SessionPool(int size, TimeSpan wait, TimeProvider time)
    {
        _time = time;
        Configure(size, wait);
    }

    /// <summary>API instances (P21's default: 5).</summary>
    public int Size { get { lock (_gate) return _size; } }

    /// <summary>How long a call waits for a free instance before P21 gives up on it (P21's default: 60 s).</summary>
    public TimeSpan Wait { get { lock (_gate) return _wait; } }

    /// <summary>
    /// How long each call holds its instance before P21 works on it (0 by default): the time P21 takes per call, e.g. 200 ms for a
    /// benchmark of how close a client comes to the pool's capacity (<see cref="Size"/> / latency calls a second).
    /// </summary>
    public TimeSpan Latency
    {
        get { lock (_gate) return _latency; }
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            lock (_gate) _latency = value;
        }
    }

    /// <summary>What the pool looks like now, and the most it has been busy since the last <see cref="ResetPeaks"/>.</summary>
    public P21SessionPoolState State
    {
        get
        {
            lock (_gate)
                return new P21SessionPoolState(_size, _wait.TotalSeconds, _inUse, _waiting.Count, _peakInUse, _peakWaiting, _served, _refused)
                {
                    LatencySeconds = _latency.TotalSeconds,
                };
        }
    }

    /// <summary>Changes the size and the wait; calls already waiting keep their place, instances in use stay in use.</summary>
    public void Configure(int size, TimeSpan wait)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(wait, TimeSpan.Zero);
        List<TaskCompletionSource<bool>> admitted = [];
        lock (_gate)
        {
            _size = size;
            _wait = wait;
            while (_inUse < _size && _waiting.First is { } next)
            {
                _waiting.RemoveFirst();
                _inUse++;
                _served++;
                admitted.Add(next.Value);
            }
            _peakInUse = Math.Max(_peakInUse, _inUse);
        }
        foreach (var waiter in admitted) waiter.TrySetResult(true);
    }

    /// <summary>Forgets the peaks and counts (not the instances in use).</summary>
    public void ResetPeaks()
    {
        lock (_gate)
        {
            _peakInUse = _inUse;
            _peakWaiting = _waiting.Count;
            _served = _refused = 0;
        }
    }

    /// <summary>
    /// An instance for one call, or null when none came free within <see cref="Wait"/>. Never cancelled: P21 does not notice that
    /// a client stopped waiting.
    /// </summary>
    public async Task<IDisposable?> AcquireAsync()
    {
        TaskCompletionSource<bool> waiter;
        LinkedListNode<TaskCompletionSource<bool>> place;
        TimeSpan wait;
        lock (_gate)
        {
            if (_inUse < _size && _waiting.Count == 0)
                return Admit();
            waiter = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            place = _waiting.AddLast(waiter);
            _peakWaiting = Math.Max(_peakWaiting, _waiting.Count);
            wait = _wait;
        }

        using var timer = new CancellationTokenSource(wait, _time);
        await using (timer.Token.Register(() =>
        {
            lock (_gate)
            {
                if (place.List is null) return; // admitted meanwhile
                _waiting.Remove(place);
                _refused++;
            }
            waiter.TrySetResult(false);
        }))
        {
            return await waiter.Task ? new Instance(this) : null;
        }
    }

    /// <summary>Other users keep <paramref name="instances"/> instances busy for <paramref name="duration"/> each (queueing like any call).</summary>
    public void Occupy(int instances, TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(instances, 1);
        for (var i = 0; i < instances; i++)
            _ = HoldAsync(duration);
    }

    async Task HoldAsync(TimeSpan duration)
    {
        using var lease = await AcquireAsync();
        if (lease is not null) await Task.Delay(duration, _time);
    }

    // Under the lock.
    Instance Admit()
    {
        _inUse++;
        _served++;
        _peakInUse = Math.Max(_peakInUse, _inUse);
        return new Instance(this);
    }

    void Release()
    {
        TaskCompletionSource<bool>? next = null;
        lock (_gate)
        {
            // The instance passes straight to the oldest waiting call, unless the pool was made smaller meanwhile.
            if (_inUse <= _size && _waiting.First is { } first)
            {
                _waiting.RemoveFirst();
                _served++;
                next = first.Value;
            }
            else
                _inUse--;
        }
        next?.TrySetResult(true);
    }

    sealed class Instance(P21SessionPool pool) : IDisposable
    {
        int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) pool.Release();
        }
    }
}

/// <summary>The pool as <c>GET /_sim/pool</c> shows it.</summary>
public sealed record P21SessionPoolState(int Size, double WaitSeconds, int InUse, int Waiting, int PeakInUse, int PeakWaiting, long Served, long Refused)
{
    /// <summary>How long each call holds its instance before it is worked on (<see cref="P21SessionPool.Latency"/>).</summary>
    public double LatencySeconds { get; init; }
}
