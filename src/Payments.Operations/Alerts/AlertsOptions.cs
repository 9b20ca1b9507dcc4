using System.ComponentModel.DataAnnotations;

namespace Payments.Operations.Alerts;

/// <summary><c>Alerts</c>: how alerts are de-duplicated and limited. The channels have their own sections (<c>Alerts:Email</c>, <c>Alerts:Webhook</c>).</summary>
public sealed class AlertsOptions
{
    public const string Section = "Alerts";

    /// <summary>Occurrences of one alert key within this time of the first are counted, not sent; their summary goes out when it ends.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00", ErrorMessage = "{0} must be between 00:00:01 and 7.00:00:00.")]
    public TimeSpan DedupWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often the summaries of ended windows are looked for.</summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "01:00:00", ErrorMessage = "{0} must be between 00:00:00.1 and 01:00:00.")]
    public TimeSpan SummaryInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A dependency failing its probes for longer than this raises an alert (and its recovery another).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ErrorMessage = "{0} must be between 00:00:00 and 1.00:00:00.")]
    public TimeSpan DependencyDownAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Per channel and replica: alerts that may go out at once…</summary>
    [Range(1, 10_000, ErrorMessage = "{0} must be between 1 and 10000.")]
    public int RateLimitBurst { get; set; } = 10;

    /// <summary>…and how many more per hour after that; the rest are held back and counted in the next alert that goes out.</summary>
    [Range(1, 100_000, ErrorMessage = "{0} must be between 1 and 100000.")]
    public int RateLimitPerHour { get; set; } = 60;
}
