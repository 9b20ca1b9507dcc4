using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Payments.Operations.Alerts.Channels;

namespace Payments.Operations.Alerts;

/// <summary>
/// Raises alerts: counts each occurrence in its key's window (<see cref="AlertDeduplication"/>, shared by the replicas), sends the
/// first of a window through every configured channel, each behind its own token bucket (<c>Alerts:RateLimitBurst</c>,
/// <c>RateLimitPerHour</c>). A channel that fails is logged and counted; the alert is not retried (the others still get it).
/// </summary>
public sealed class AlertDispatcher(
    AlertDeduplication deduplication,
    IEnumerable<IAlertChannel> channels,
    IOptions<AlertsOptions> options,
    AlertMetrics metrics,
    ILogger<AlertDispatcher> logger)
{
    readonly IReadOnlyList<IAlertChannel> _channels = [.. channels];
    readonly ConcurrentDictionary<string, RateLimiter> _limiters = new();
    readonly ConcurrentDictionary<string, int> _heldBack = new();

    /// <summary>One occurrence of <paramref name="alert"/>: sent if it is the first of its window, else counted.</summary>
    public async Task RaiseAsync(Alert alert, CancellationToken cancellationToken)
    {
        var decision = await deduplication.RecordAsync(alert, cancellationToken);
        if (decision.PreviousSummary is { } summary)
            await SendAsync(summary.ToAlert(), cancellationToken);
        if (!decision.SendAlert)
        {
            metrics.Deduplicated(alert.Kind);
            logger.LogDebug("Alert '{Title}' ({Kind}) counted into the one already sent", alert.Title, alert.Kind);
            return;
        }
        await SendAsync(alert, cancellationToken);
    }

    /// <summary>Sends the summaries of the windows that have ended (the summary service calls it).</summary>
    public async Task SendDueSummariesAsync(CancellationToken cancellationToken)
    {
        foreach (var summary in await deduplication.TakeDueSummariesAsync(cancellationToken))
            await SendAsync(summary.ToAlert(), cancellationToken);
    }

    async Task SendAsync(Alert alert, CancellationToken cancellationToken)
    {
        var enabled = _channels.Where(c => c.Enabled).ToList();
        if (enabled.Count == 0)
        {
            logger.LogWarning("Alert (no channel configured: Alerts:Email, Alerts:Webhook): {Title}\n{Text}", alert.Title, alert.Text);
            return;
        }
        foreach (var channel in enabled)
        {
            using var lease = Limiter(channel.Name).AttemptAcquire();
            if (!lease.IsAcquired)
            {
                var held = _heldBack.AddOrUpdate(channel.Name, 1, (_, n) => n + 1);
                metrics.RateLimited(alert.Kind, channel.Name);
                // One warning per run of held-back alerts, not one per alert: the next alert the channel sends gives the count.
                logger.Log(held == 1 ? LogLevel.Warning : LogLevel.Debug,
                    "Alert '{Title}' held back by the {Channel} channel's rate limit ({Held} since its last alert sent)", alert.Title, channel.Name, held);
                continue;
            }
            var heldBack = _heldBack.TryRemove(channel.Name, out var n) ? n : 0;
            try
            {
                await channel.SendAsync(alert, heldBack, cancellationToken);
                metrics.Sent(alert.Kind, channel.Name);
                logger.LogInformation("Alert '{Title}' sent by {Channel}", alert.Title, channel.Name);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                if (heldBack > 0)
                    _heldBack.AddOrUpdate(channel.Name, heldBack, (_, m) => m + heldBack);
                metrics.Failed(alert.Kind, channel.Name);
                logger.LogError("Alert '{Title}' could not be sent by {Channel}: {Error}\n{Text}", alert.Title, channel.Name, e.Message, alert.Text);
            }
        }
    }

    RateLimiter Limiter(string channel) => _limiters.GetOrAdd(channel, _ => new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
    {
        TokenLimit = options.Value.RateLimitBurst,
        TokensPerPeriod = 1,
        ReplenishmentPeriod = TimeSpan.FromHours(1) / options.Value.RateLimitPerHour,
        QueueLimit = 0,
        AutoReplenishment = true,
    }));
}
