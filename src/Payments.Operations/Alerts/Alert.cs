using System.Security.Cryptography;
using System.Text;

namespace Payments.Operations.Alerts;

/// <summary>
/// One thing a person should know about. Occurrences with the same <see cref="Key"/> within <c>Alerts:DedupWindow</c> are one
/// alert: the first is sent, the later ones counted and sent as one summary when the window ends.
/// </summary>
/// <param name="Kind">One of <see cref="AlertKinds"/>.</param>
/// <param name="Key">What makes two occurrences "the same", e.g. flow + step + reason of a failed flow (see <see cref="KeyOf"/>).</param>
/// <param name="Title">One line: the mail's subject, the webhook's title.</param>
/// <param name="Text">The details, plain text (never a secret).</param>
/// <param name="OccurredAt">When it happened.</param>
public sealed record Alert(string Kind, string Key, string Title, string Text, DateTimeOffset OccurredAt)
{
    /// <summary>True for the summary of a window's held-back duplicates; then <see cref="Occurrences"/> counts them all.</summary>
    public bool IsSummary { get; init; }
    public int Occurrences { get; init; } = 1;

    /// <summary>A key of bounded length from the parts that identify an occurrence: the kind, then a SHA-256 of the parts.</summary>
    public static string KeyOf(string kind, params IEnumerable<string?> parts)
    {
        var joined = string.Join('\u001f', parts.Select(p => p ?? ""));
        return $"{kind}:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(joined)))}";
    }
}

/// <summary>The kinds of alert, by the name the channels show.</summary>
public static class AlertKinds
{
    public const string FlowFailed = "flow-failed";
    public const string PayoutFlagged = "payout-flagged";
    public const string DisputeDueSoon = "dispute-due-soon";
    public const string MissedEvents = "missed-events";
    public const string DependencyDown = "dependency-down";
    public const string DependencyRecovered = "dependency-recovered";
}
