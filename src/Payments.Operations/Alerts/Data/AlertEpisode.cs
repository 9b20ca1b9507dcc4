namespace Payments.Operations.Alerts.Data;

/// <summary>
/// The current de-duplication window of one alert key, shared by every replica: the first occurrence inserts it (and is sent),
/// later ones in the window count themselves; an ended window is summarised once and then reused by the next occurrence.
/// </summary>
public sealed class AlertEpisode
{
    /// <summary><see cref="Alert.Key"/>.</summary>
    public required string Key { get; set; }
    public required string Kind { get; set; }
    public required string Title { get; set; }
    public required string FirstText { get; set; }
    public required string LastText { get; set; }
    /// <summary>Grows by one each time the row starts a new window, so two replicas cannot both take an ended window over.</summary>
    public int Generation { get; set; }
    public DateTime WindowEndsAtUtc { get; set; }
    public DateTime FirstOccurredAtUtc { get; set; }
    public DateTime LastOccurredAtUtc { get; set; }
    /// <summary>Occurrences in this window, the first included.</summary>
    public int Occurrences { get; set; }
    /// <summary>Whether this window's summary was taken by a sender.</summary>
    public bool Summarised { get; set; }
}
