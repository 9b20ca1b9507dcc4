using System.Globalization;

namespace Payments.Domain.Customers;

/// <summary>
/// When (and, where the source numbers its changes, which version) a source system said what a customer looks like:
/// Stripe's event <c>created</c>, P21's <c>date_last_modified</c>, Znode's <c>ModifiedDate</c>. Stamps order by time, then
/// version (a stamp without one first), then <see cref="Reference"/> (an event id: arbitrary but fixed, so two stamps of one
/// second still order the same way whatever order they arrive in).
/// </summary>
public readonly record struct SourceStamp(DateTimeOffset At, long? Version = null, string? Reference = null) : IComparable<SourceStamp>
{
    public int CompareTo(SourceStamp other)
    {
        var byTime = At.UtcTicks.CompareTo(other.At.UtcTicks);
        if (byTime != 0) return byTime;
        var byVersion = (Version ?? long.MinValue).CompareTo(other.Version ?? long.MinValue);
        if (byVersion != 0) return byVersion;
        return string.CompareOrdinal(Reference ?? "", other.Reference ?? "");
    }

    /// <summary>Same time and version: the source's own clock cannot tell which came first.</summary>
    public bool SameMomentAs(SourceStamp other) => At.UtcTicks == other.At.UtcTicks && Version == other.Version;

    public static bool operator <(SourceStamp left, SourceStamp right) => left.CompareTo(right) < 0;
    public static bool operator >(SourceStamp left, SourceStamp right) => left.CompareTo(right) > 0;
    public static bool operator <=(SourceStamp left, SourceStamp right) => left.CompareTo(right) <= 0;
    public static bool operator >=(SourceStamp left, SourceStamp right) => left.CompareTo(right) >= 0;

    public override string ToString()
    {
        var text = At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.FFF'Z'", CultureInfo.InvariantCulture);
        if (Version is { } version) text += " v" + version.ToString(CultureInfo.InvariantCulture);
        if (!string.IsNullOrEmpty(Reference)) text += " (" + Reference + ")";
        return text;
    }
}
