using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Payments.Persistence.Cleanup;

/// <summary>Runs <see cref="OutboxCleanup"/> for <typeparamref name="TContext"/> every <see cref="OutboxCleanupOptions{TContext}.Interval"/>.</summary>
public sealed class OutboxCleanupService<TContext>(
    IServiceScopeFactory scopeFactory,
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
            try
            {
                await using var scope = scopeFactory.CreateAsyncScope();
                var dbContext = scope.ServiceProvider.GetRequiredService<TContext>();
                var cutoff = timeProvider.GetUtcNow().UtcDateTime - options.Value.Retention;
                var removed = await OutboxCleanup.RemoveExpiredAsync(dbContext, cutoff, stoppingToken);
                if (removed != default)
                    logger.LogInformation("Removed expired outbox rows of {Context}: {Removed}", typeof(TContext).Name, removed);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(exception, "Outbox cleanup of {Context} failed; next try in {Interval}", typeof(TContext).Name, options.Value.Interval);
            }
        }
        while (await WaitForNextTick(timer, stoppingToken));
    }
}
