using System.Diagnostics;

namespace Payments.Benchmarks.Memory;

/// <summary>
/// What one stretch of work costs in memory, for the whole process: the managed heap's peak above the baseline taken just before, the
/// bytes allocated, the collections of each generation, and the process's working set at the start and at its peak.
/// </summary>
/// <remarks>
/// <para>
/// Two ways to sample the heap, on a thread of their own. <see cref="Start"/> reads <see cref="GC.GetTotalMemory(bool)"/> every
/// <see cref="SampleInterval"/> without collecting: what the process holds, garbage the GC has not yet collected included (large objects,
/// such as a page's response body, wait for a full collection). <see cref="StartCollecting"/> runs a full blocking collection before each
/// sample (every <see cref="CollectingInterval"/>): what is still reachable, the memory the work really keeps; it slows the work, so a
/// pass measured that way is not timed.
/// </para>
/// <para>
/// The baseline follows a full, compacting collection. On Linux the kernel's peak resident set (VmHWM, which
/// <see cref="Process.PeakWorkingSet64"/> reads) is reset first (<c>/proc/self/clear_refs</c>, "5"), so the peak working set is this
/// stretch's; where that cannot be done it is the process's peak since it started (<see cref="MemoryUse.PeakWorkingSetIsOwn"/>).
/// </para>
/// </remarks>
public sealed class MemoryProbe : IDisposable
{
    public static readonly TimeSpan SampleInterval = TimeSpan.FromMilliseconds(5);
    public static readonly TimeSpan CollectingInterval = TimeSpan.FromMilliseconds(20);

    readonly bool _collecting;
    readonly long _baseline;
    readonly long _allocatedBefore;
    readonly int[] _collectionsBefore;
    readonly long _workingSetBefore;
    readonly bool _peakReset;
    readonly Thread _sampler;
    readonly List<long> _samples = [];
    volatile bool _stopping;

    MemoryProbe(bool collecting)
    {
        _collecting = collecting;
        FullCollection();
        GC.WaitForPendingFinalizers();
        FullCollection();
        _peakReset = ResetPeakWorkingSet();
        using (var process = Process.GetCurrentProcess()) _workingSetBefore = process.WorkingSet64;
        _baseline = Heap();
        _collectionsBefore = Collections();
        _allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        _sampler = new Thread(Sample) { IsBackground = true, Name = "memory probe", Priority = ThreadPriority.AboveNormal };
        _sampler.Start();
    }

    /// <summary>Collects, takes the baseline and samples the heap as it is, garbage included.</summary>
    public static MemoryProbe Start() => new(collecting: false);

    /// <summary>Collects, takes the baseline and samples what is reachable, a full collection before each sample (untimed passes only).</summary>
    public static MemoryProbe StartCollecting() => new(collecting: true);

    /// <summary>Stops sampling and tells what the stretch since the start cost.</summary>
    public MemoryUse Stop()
    {
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - _allocatedBefore;
        _stopping = true;
        _sampler.Join();
        var collections = Collections();
        if (!_collecting) Take(); // a collecting sample now would measure what the work left, not what it held
        using var process = Process.GetCurrentProcess();
        var aboveBaseline = _samples.Select(s => s - _baseline).ToList();
        var quarter = Math.Max(1, aboveBaseline.Count / 4);
        return new MemoryUse(
            aboveBaseline.DefaultIfEmpty().Max(),
            aboveBaseline.Count == 0 ? 0 : aboveBaseline.Order().ElementAt(aboveBaseline.Count / 2),
            aboveBaseline.Count < 8 ? 0 : (long)(aboveBaseline.TakeLast(quarter).Average() - aboveBaseline.Take(quarter).Average()),
            allocated,
            [.. collections.Select((count, generation) => count - _collectionsBefore[generation])],
            _workingSetBefore,
            process.PeakWorkingSet64,
            _peakReset,
            aboveBaseline.Count);
    }

    public void Dispose()
    {
        _stopping = true;
        if (_sampler.IsAlive) _sampler.Join();
    }

    void Sample()
    {
        while (!_stopping)
        {
            Take();
            Thread.Sleep(_collecting ? CollectingInterval : SampleInterval);
        }
    }

    void Take()
    {
        // Not compacting: a sample needs what is marked reachable, and moving the heap every few milliseconds would only slow the work further.
        if (_collecting) GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: false);
        _samples.Add(Heap());
    }

    /// <summary>Collecting: what the last (full) collection left, less the free space between objects; otherwise the heap as it is.</summary>
    long Heap()
    {
        if (!_collecting) return GC.GetTotalMemory(forceFullCollection: false);
        var info = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        return info.HeapSizeBytes - info.FragmentedBytes;
    }

    static void FullCollection() => GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);

    static int[] Collections() => [.. Enumerable.Range(0, GC.MaxGeneration + 1).Select(GC.CollectionCount)];

    /// <summary>Linux 4.0 and later: writing 5 to clear_refs resets the peak resident set size to the current one.</summary>
    static bool ResetPeakWorkingSet()
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
    }
}

/// <param name="PeakHeapAboveBaseline">The largest heap sampled (as it was, or what was reachable when collecting) less the heap just before.</param>
/// <param name="MedianHeapAboveBaseline">The samples' median, less the heap just before.</param>
/// <param name="Drift">
/// The mean of the last quarter of the samples less that of the first quarter (0 with fewer than 8): near 0 when the work holds as much at
/// its end as at its start, growing with the work's size when it keeps something per item.
/// </param>
/// <param name="Allocated">Bytes allocated by every thread of the process during the stretch.</param>
/// <param name="Collections">Collections of generation 0, 1 and 2 during the stretch (the probe's own included when collecting).</param>
/// <param name="WorkingSetBefore">The process's resident set when the stretch began.</param>
/// <param name="PeakWorkingSet">The process's peak resident set: during the stretch when <paramref name="PeakWorkingSetIsOwn"/>, else since it started.</param>
/// <param name="Samples">How many times the heap was sampled.</param>
public sealed record MemoryUse(
    long PeakHeapAboveBaseline, long MedianHeapAboveBaseline, long Drift, long Allocated, IReadOnlyList<int> Collections, long WorkingSetBefore, long PeakWorkingSet, bool PeakWorkingSetIsOwn, int Samples);
