using Microsoft.Extensions.Options;

namespace Payments.Operations.Alerts;

/// <summary>Every <c>Alerts:SummaryInterval</c>, sends the summaries of de-duplication windows that have ended with held-back duplicates.</summary>
public sealed class AlertSummaryService(AlertDispatcher dispatcher, IOptions<AlertsOptions> options, ILogger<AlertSummaryService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SummaryInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await dispatcher.SendDueSummariesAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The operations database is away: the summaries wait in it for the next round.
                logger.LogWarning("Alert summaries not sent this round: {Error}", e.Message);
            }
        }
    }
}
