using Microsoft.Extensions.Options;
using Payments.Persistence.Cleanup;

namespace Payments.Persistence.Audit;

/// <summary>Audit entries older than <c>Audit:Retention</c> (default 400 days), removed by the audit database's cleanup service.</summary>
public sealed class AuditRetentionSweep(IOptions<AuditOptions> options) : ICleanupSweep<AuditDbContext>
{
    public string Name => "audit entries";

    public Task<int> RemoveBatchAsync(AuditDbContext dbContext, DateTime utcNow, int batchSize, CancellationToken cancellationToken) =>
        EfAuditTrail.RemoveOlderThanAsync(dbContext, new DateTimeOffset(DateTime.SpecifyKind(utcNow, DateTimeKind.Utc)) - options.Value.Retention, batchSize,
            cancellationToken);
}
