using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Payments.ServiceDefaults.Messaging;

/// <summary>Declares the wait queues at start-up, retrying while the broker is away; redelivery also declares them on first use.</summary>
sealed class WaitQueueDeclaration(WaitQueues waitQueues, ILogger<WaitQueueDeclaration> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await waitQueues.EnsureDeclaredAsync(stoppingToken);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Could not declare the redelivery wait queues yet; trying again in {Delay}", delay);
                await Task.Delay(delay, stoppingToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
            }
        }
    }
}
