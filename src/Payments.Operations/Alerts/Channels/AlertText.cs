namespace Payments.Operations.Alerts.Channels;

/// <summary>The words every channel uses for an alert.</summary>
public static class AlertText
{
    public static string Body(Alert alert, int heldBack)
    {
        var body = $"{alert.Text}\n\nKind: {alert.Kind}\nAt: {alert.OccurredAt:u}";
        if (!alert.IsSummary)
            body += "\nLater occurrences of the same alert are counted and summarised once the de-duplication window (Alerts:DedupWindow) ends.";
        if (heldBack > 0)
            body += $"\n\n{heldBack} other alert(s) were held back by this channel's rate limit since the last one sent: see the operations service's log.";
        return body;
    }
}
