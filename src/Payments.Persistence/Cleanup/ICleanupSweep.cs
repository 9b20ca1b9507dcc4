using Microsoft.EntityFrameworkCore;

namespace Payments.Persistence.Cleanup;

/// <summary>
/// One kind of expired rows of <typeparamref name="TContext"/>, removed by the context's cleanup service every
/// <c>Database:Cleanup:Interval</c>, a batch at a time (<see cref="CleanupConfigurationExtensions.AddPaymentsCleanupSweep{TContext, TSweep}"/>).
/// </summary>
public interface ICleanupSweep<in TContext>
    where TContext : DbContext
{
    /// <summary>What it removes, for the log.</summary>
    string Name { get; }

    /// <summary>
    /// Removes at most <paramref name="batchSize"/> expired rows, the oldest first, in one transaction, using an index to
    /// find them; returns how many. Fewer than <paramref name="batchSize"/>: none is left.
    /// </summary>
    Task<int> RemoveBatchAsync(TContext dbContext, DateTime utcNow, int batchSize, CancellationToken cancellationToken);
}
