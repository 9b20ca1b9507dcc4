using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Payments.Persistence.Outbox;

namespace Payments.Persistence.BusOutbox;

/// <summary>
/// Every <see cref="BusOutboxOptions.CheckInterval"/>, looks for outboxes of <typeparamref name="TContext"/> still
/// undelivered <see cref="BusOutboxOptions.StuckAfter"/> after their commit: each one that crosses the threshold gets one
/// Error line (marked <see cref="OutboxState.AlertedAt"/> in the same statement, so once across replicas and restarts), and
/// the counts feed the <c>payments.outbox.stuck</c> gauge and <c>/health</c> (<see cref="StuckOutboxHealthCheck{TContext}"/>).
/// Parked outboxes are counted apart and never alert: an operator already decided about them.
/// </summary>
public sealed class StuckOutboxMonitor<TContext>(
    IServiceScopeFactory scopeFactory,
    OutboxMetrics metrics,
    IOptionsMonitor<BusOutboxOptions> options,
    TimeProvider time,
    ILogger<StuckOutboxMonitor<TContext>> logger) : BackgroundService
    where TContext : DbContext
{
    /// <summary>Alerts raised per check at most; more wait for the next check (they are counted all the same).</summary>
    const int AlertsPerCheck = 100;

    static string ContextName => typeof(TContext).Name;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Check(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(exception, "Stuck-outbox check of {Context} failed; next in {Interval}", ContextName, options.CurrentValue.CheckInterval);
            }

            try
            {
                await Task.Delay(options.CurrentValue.CheckInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>Raises the alerts that are due and counts stuck and parked outboxes.</summary>
    public async Task<OutboxCounts> Check(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var dbContext = scope.ServiceProvider.GetRequiredService<TContext>();
        var now = time.GetUtcNow().UtcDateTime;
        var stuckAfter = options.CurrentValue.StuckAfter;
        var threshold = now - stuckAfter;

        var stuck = dbContext.Set<OutboxState>().Where(o => o.Delivered == null && o.ParkedAt == null && o.Created < threshold);
        var unalerted = await stuck.Where(o => o.AlertedAt == null).OrderBy(o => o.Created).Take(AlertsPerCheck)
            .AsNoTracking().ToListAsync(cancellationToken);
        foreach (var outbox in unalerted)
        {
            // Whoever marks it raises the alert: another replica that got there first already did.
            var marked = await dbContext.Set<OutboxState>().Where(o => o.OutboxId == outbox.OutboxId && o.AlertedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.AlertedAt, now), cancellationToken);
            if (marked == 0)
                continue;
            var messages = await dbContext.Set<OutboxMessage>().CountAsync(m => m.OutboxId == outbox.OutboxId, cancellationToken);
            logger.LogError(
                "Bus outbox {OutboxId} of {Context} is undelivered {StuckFor} after its commit at {Created:O} ({Messages} message(s), {Attempts} failed attempt(s), "
                + "next attempt {NextAttemptAt:O}): {LastError}. See `payments outbox list`; retry or park it there.",
                outbox.OutboxId, ContextName, now - outbox.Created, outbox.Created, messages, outbox.DeliveryAttempts, outbox.NextAttemptAt,
                outbox.LastError ?? "no attempt failed yet (the relay is not running, or the broker is down)");
        }

        var counts = new OutboxCounts(
            await stuck.CountAsync(cancellationToken),
            await dbContext.Set<OutboxState>().CountAsync(o => o.Delivered == null && o.ParkedAt != null, cancellationToken),
            now);
        metrics.Record(ContextName, counts);
        return counts;
    }
}
