namespace Payments.Persistence.Concurrency;

/// <summary>Runs a unit of work again while it loses a race with a concurrent transaction, up to a limit.</summary>
static class ConflictRetry
{
    public static async Task<T> Run<T>(int maxAttempts, Func<int, Task<T>> attempt, Func<Task> reset, CancellationToken cancellationToken)
    {
        for (var attemptNumber = 1; ; attemptNumber++)
        {
            try
            {
                return await attempt(attemptNumber).ConfigureAwait(false);
            }
            catch (Exception exception) when (attemptNumber < maxAttempts && ConcurrencyConflicts.IsConflict(exception))
            {
                await reset().ConfigureAwait(false);
                // A short random pause spreads out transactions that keep colliding on the same row.
                await Task.Delay(Random.Shared.Next(5, 20 * attemptNumber), cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
