using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Payments.ZnodeService.Client;

/// <summary>
/// The Znode installation's one gate in this process (System.Threading.RateLimiting): a token bucket every call takes a permit
/// from, queued in arrival order when none is left, and a pause that a 429 sets for everyone: once Znode said "wait N seconds",
/// no call of this process goes out before then; they queue instead of collecting more 429s.
/// </summary>
public sealed class ZnodeThrottle : IDisposable
{
    readonly TokenBucketRateLimiter _bucket;
    readonly TimeProvider _time;
    readonly Lock _gate = new();
    DateTimeOffset _pausedUntil;

    public ZnodeThrottle(IOptions<ZnodeRateLimitOptions> options, TimeProvider time)
    {
        _time = time;
        var settings = options.Value;
        // Refill often in small steps, so the rate is smooth rather than a burst per second.
        var period = TimeSpan.FromSeconds(Math.Max(0.01, 1 / settings.PermitsPerSecond));
        var perPeriod = 1;
        if (period < TimeSpan.FromMilliseconds(50))
        {
            perPeriod = (int)Math.Ceiling(settings.PermitsPerSecond / 20);
            period = TimeSpan.FromSeconds(perPeriod / settings.PermitsPerSecond);
        }
        _bucket = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = settings.Burst,
            TokensPerPeriod = perPeriod,
            ReplenishmentPeriod = period,
            QueueLimit = settings.QueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
    }

    /// <summary>Until when Znode asked us to wait (in the past when it did not).</summary>
    public DateTimeOffset PausedUntil { get { lock (_gate) return _pausedUntil; } }

    /// <summary>Calls that waited for a 429 pause.</summary>
    public long PausedCalls => Interlocked.Read(ref _pausedCalls);

    long _pausedCalls;

    /// <summary>Znode answered 429: nobody goes before <paramref name="wait"/> has passed.</summary>
    public void Pause(TimeSpan wait)
    {
        var until = _time.GetUtcNow() + wait;
        lock (_gate)
        {
            if (until > _pausedUntil) _pausedUntil = until;
        }
    }

    /// <summary>Waits out a pause, then for a permit of the bucket (queued, oldest first).</summary>
    public async ValueTask<RateLimitLease> AcquireAsync(CancellationToken cancellationToken)
    {
        while (PausedUntil - _time.GetUtcNow() is { } wait && wait > TimeSpan.Zero)
        {
            Interlocked.Increment(ref _pausedCalls);
            await Task.Delay(wait, _time, cancellationToken);
        }
        return await _bucket.AcquireAsync(1, cancellationToken);
    }

    public void Dispose() => _bucket.Dispose();
}
