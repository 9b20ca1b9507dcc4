namespace Payments.Sandbox.Scenarios;

/// <summary>
/// What a flow did shows in its saga's row, P21, Stripe or an alert only after the bus has carried it there, so a scenario's check
/// reads until the value it expects is there, or a time has passed.
/// </summary>
public static class Polling
{
    static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    /// <summary>Reads until <paramref name="done"/> holds or <paramref name="within"/> has passed, every 100 ms; the last value read.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan within, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + within;
        var value = await read();
        while (!done(value) && DateTime.UtcNow < deadline && !cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(Interval, CancellationToken.None);
            value = await read();
        }
        return value;
    }
}
