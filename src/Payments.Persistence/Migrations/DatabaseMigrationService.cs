using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Payments.Persistence.Migrations;

/// <summary>Applies the active provider's pending migrations at start-up, before later hosted services (the bus) start.</summary>
public sealed class DatabaseMigrationService<TContext>(IServiceScopeFactory scopeFactory, ILogger<DatabaseMigrationService<TContext>> logger)
    : IHostedService
    where TContext : DbContext
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var dbContext = scope.ServiceProvider.GetRequiredService<TContext>();
        await dbContext.MigratePaymentsDatabaseAsync(cancellationToken);
        logger.LogInformation("{Context} schema is up to date on {Provider}", typeof(TContext).Name, dbContext.Database.ProviderName);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
