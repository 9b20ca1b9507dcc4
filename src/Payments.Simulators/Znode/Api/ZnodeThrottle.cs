using Microsoft.AspNetCore.Http;

namespace Payments.Simulators.Znode.Api;

/// <summary>
/// The optional 429 mode: at most <c>PermitLimit</c> calls per fixed window, the rest answered 429 with <c>Retry-After</c> (whole
/// seconds to the window's end). Znode 9.x has no rate limit at all and Znode 10's is not published
/// (docs/external-apis/znode.md#rate-limits): this is a test extension, off until switched on.
/// </summary>
public sealed class ZnodeThrottle(TimeProvider time)
{
    readonly Lock _gate = new();
    DateTimeOffset _windowStart;
    int _used;

    public int? PermitLimit { get; private set; }
    public TimeSpan Window { get; private set; } = TimeSpan.FromSeconds(1);
    /// <summary>Calls answered 429 since the mode was switched on.</summary>
    public int Throttled { get; private set; }
    public int Admitted { get; private set; }

    public void Start(int permitLimit, TimeSpan window)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(permitLimit, 1);
        if (window <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(window), "The window must be positive.");
        lock (_gate)
        {
            PermitLimit = permitLimit;
            Window = window;
            _windowStart = time.GetUtcNow();
            _used = 0;
            Throttled = Admitted = 0;
        }
    }

    public void Stop()
    {
        lock (_gate) PermitLimit = null;
    }

    /// <summary>Null when the call may go on; else how long until the next window.</summary>
    public TimeSpan? Take()
    {
        lock (_gate)
        {
            if (PermitLimit is not { } limit) return null;
            var now = time.GetUtcNow();
            if (now >= _windowStart + Window)
            {
                // Whole windows since the first, so the boundaries stay where they were.
                var windows = (long)((now - _windowStart).Ticks / Window.Ticks);
                _windowStart += TimeSpan.FromTicks(windows * Window.Ticks);
                _used = 0;
            }
            if (_used < limit)
            {
                _used++;
                Admitted++;
                return null;
            }
            Throttled++;
            return _windowStart + Window - now;
        }
    }

    internal async Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        if (Take() is not { } wait)
        {
            await next(http);
            return;
        }
        http.Response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await ZnodeHttp.WriteAsync(http, StatusCodes.Status429TooManyRequests, new ZnodeResponse
        {
            HasError = true,
            ErrorMessage = $"Too many requests: at most {PermitLimit} per {Window.TotalSeconds:0.###} s (the simulator's 429 mode).",
        });
    }
}
