namespace Payments.Simulators.Shared.Faults;

/// <summary>
/// The fault model every simulator shares: rules that make the next N calls of a route fail (status, body, headers, delay or a
/// dropped connection), and outages during which every call fails. Rules are consulted in the order they were added; a call is
/// counted by the first live rule that matches it only, so two rules on the same route take turns (the second starts when the
/// first is spent), as a queue of faults per route would.
/// </summary>
public sealed class FaultInjector(TimeProvider time)
{
    readonly Lock _gate = new();
    readonly List<Entry> _rules = [];
    Outage? _outage;
    int _nextId;

    /// <summary>Adds a rule; returns its id (for <see cref="Remove"/>).</summary>
    public string Inject(FaultRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        rule.Validate();
        lock (_gate)
        {
            var entry = new Entry($"fault-{++_nextId}", rule) { PassesLeft = rule.After, FaultsLeft = rule.Times };
            _rules.Add(entry);
            return entry.Id;
        }
    }

    /// <summary>The next <paramref name="times"/> calls of <paramref name="route"/> (name or path pattern) get <paramref name="fault"/>.</summary>
    public string FailNext(string route, Fault fault, int times = 1, string? method = null, int after = 0) =>
        Inject(new FaultRule { Route = route, Method = method, Times = times, After = after, Fault = fault });

    public bool Remove(string id)
    {
        lock (_gate) return _rules.RemoveAll(r => r.Id == id) > 0;
    }

    /// <summary>Removes every rule and ends any outage.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
            _outage = null;
        }
    }

    /// <summary>Rules that still have faults to give, oldest first.</summary>
    public IReadOnlyList<FaultRuleState> Rules
    {
        get
        {
            lock (_gate) return [.. _rules.Where(r => r.FaultsLeft > 0).Select(r => r.State())];
        }
    }

    /// <summary>Faults still waiting for calls, over the rules added with exactly this route name or pattern.</summary>
    public int Pending(string route)
    {
        lock (_gate) return _rules.Where(r => string.Equals(r.Rule.Route, route, StringComparison.OrdinalIgnoreCase)).Sum(r => r.FaultsLeft);
    }

    /// <summary>Every call fails for <paramref name="duration"/> (by the simulator's clock); replaces an outage in progress.</summary>
    public Outage GoDown(TimeSpan duration, OutageMode mode = OutageMode.Unavailable, TimeSpan? retryAfter = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        var outage = new Outage(time.GetUtcNow() + duration, mode, retryAfter);
        lock (_gate) _outage = outage;
        return outage;
    }

    /// <summary>Ends an outage early.</summary>
    public void ComeBackUp()
    {
        lock (_gate) _outage = null;
    }

    /// <summary>The outage in progress, or null when the simulator is up.</summary>
    public Outage? CurrentOutage
    {
        get
        {
            lock (_gate)
            {
                if (_outage is not null && time.GetUtcNow() >= _outage.Until) _outage = null;
                return _outage;
            }
        }
    }

    /// <summary>The fault this call gets, if any (and counts the call against the rule that matched it).</summary>
    internal (string RuleId, Fault Fault)? Take(string method, string path, string? routeName)
    {
        lock (_gate)
        {
            var entry = _rules.FirstOrDefault(r => r.FaultsLeft > 0 && r.Rule.Matches(method, path, routeName));
            if (entry is null) return null;
            if (entry.PassesLeft > 0)
            {
                entry.PassesLeft--;
                return null;
            }
            entry.FaultsLeft--;
            entry.Struck++;
            return (entry.Id, entry.Rule.Fault);
        }
    }

    sealed class Entry(string id, FaultRule rule)
    {
        public string Id { get; } = id;
        public FaultRule Rule { get; } = rule;
        public int PassesLeft { get; set; }
        public int FaultsLeft { get; set; }
        public int Struck { get; set; }
        public FaultRuleState State() => new(Id, Rule, PassesLeft, FaultsLeft, Struck);
    }
}
