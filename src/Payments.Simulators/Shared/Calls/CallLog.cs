namespace Payments.Simulators.Shared.Calls;

/// <summary>The calls a simulator answered, oldest first. Thread-safe; reads are snapshots.</summary>
public sealed class CallLog
{
    readonly Lock _gate = new();
    readonly List<SimulatorCall> _calls = [];
    long _sequence;

    public IReadOnlyList<SimulatorCall> All
    {
        get { lock (_gate) return [.. _calls]; }
    }

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
