using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Payments.Persistence.Cleanup;

/// <summary>
/// Every <see cref="OutboxCleanupOptions{TContext}.Interval"/>, runs each <see cref="ICleanupSweep{TContext}"/> of
/// <typeparamref name="TContext"/> (the inbox/outbox rows, and what the service adds, such as the gateway's webhook
/// records) batch after batch of <see cref="OutboxCleanupOptions{TContext}.BatchSize"/> until nothing expired is left.
/// </summary>
public sealed class OutboxCleanupService<TContext>(
    IServiceScopeFactory scopeFactory,
    IEnumerable<ICleanupSweep<TContext>> sweeps,
    IOptions<OutboxCleanupOptions<TContext>> options,
    TimeProvider timeProvider,
    ILogger<OutboxCleanupService<TContext>> logger) : BackgroundService
    where TContext : DbContext
{
    static async Task<bool> WaitForNextTick(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, timeProvider);
        do
        {
            foreach (var sweep in sweeps)
            {
                try
                {
                    var removed = await Sweep(sweep, stoppingToken);
                    if (removed > 0)
                        logger.LogInformation("Removed {Count} expired {What} of {Context}", removed, sweep.Name, typeof(TContext).Name);
                }
                catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogError(exception, "Cleanup of {What} of {Context} failed; next try in {Interval}", sweep.Name, typeof(TContext).Name,
                        options.Value.Interval);
                }
            }
        }
        while (await WaitForNextTick(timer, stoppingToken));
    }

    /// <summary>Runs <paramref name="sweep"/> until a batch comes back short; returns how many rows it removed.</summary>
    public async Task<int> Sweep(ICleanupSweep<TContext> sweep, CancellationToken cancellationToken)
    {
        var batchSize = options.Value.BatchSize;
        var total = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            await using var scope = scopeFactory.CreateAsyncScope();
            var dbContext = scope.ServiceProvider.GetRequiredService<TContext>();
            var removed = await sweep.RemoveBatchAsync(dbContext, timeProvider.GetUtcNow().UtcDateTime, batchSize, cancellationToken);
            total += removed;
            if (removed < batchSize)
                break;
        }
        return total;
    }
}
