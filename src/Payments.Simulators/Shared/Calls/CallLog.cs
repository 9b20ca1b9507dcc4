namespace Payments.Simulators.Shared.Calls;

/// <summary>
/// The calls a simulator answered, in the order they finished (so <see cref="Since"/> with the last sequence seen misses none).
/// Thread-safe; reads are snapshots.
/// </summary>
public sealed class CallLog
{
    readonly Lock _gate = new();
    readonly List<SimulatorCall> _calls = [];
    long _sequence;
    long _arrivals;

    public IReadOnlyList<SimulatorCall> All
    {
        get { lock (_gate) return [.. _calls]; }
    }

    /// <summary>
    /// The answered calls in the order they arrived. A call's handler may finish after a later call's: a client that lost its
    /// connection retries at once, and the dropped call is logged when its handler has run to the end, which can be after the retry.
    /// </summary>
    public IReadOnlyList<SimulatorCall> ByArrival => [.. All.OrderBy(c => c.Arrival)];

    public int Count
    {
        get { lock (_gate) return _calls.Count; }
    }

    /// <summary>The calls whose <see cref="SimulatorCall.Sequence"/> is above <paramref name="sequence"/>.</summary>
    public IReadOnlyList<SimulatorCall> Since(long sequence)
    {
        lock (_gate) return [.. _calls.Where(c => c.Sequence > sequence)];
    }

    /// <summary>Forgets the calls so far; sequence numbers keep growing.</summary>
    public void Clear()
    {
        lock (_gate) _calls.Clear();
    }

    /// <summary>Numbers a call as it arrives (<see cref="SimulatorCall.Arrival"/>).</summary>
    internal long Arrive() => Interlocked.Increment(ref _arrivals);

    internal SimulatorCall Add(Func<long, SimulatorCall> create)
    {
        lock (_gate)
        {
            var call = create(++_sequence);
            _calls.Add(call);
            return call;
        }
    }
}
