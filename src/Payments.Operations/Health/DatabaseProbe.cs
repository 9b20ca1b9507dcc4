using Payments.Operations.Alerts.Data;

namespace Payments.Operations.Health;

/// <summary>The operations database: can a connection be opened.</summary>
public sealed class DatabaseProbe(IServiceScopeFactory scopes) : IDependencyProbe
{
    public string Name => "database:operations";

    public async Task<ProbeResult> ProbeAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AlertsDbContext>();
        return await db.Database.CanConnectAsync(cancellationToken)
            ? new ProbeResult(true, "connected")
            : new ProbeResult(false, "cannot connect");
    }
}
