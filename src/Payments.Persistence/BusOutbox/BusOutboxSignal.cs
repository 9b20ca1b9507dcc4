using MassTransit;
using MassTransit.Middleware.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Payments.Persistence.BusOutbox;

/// <summary>
/// Wakes the relay of <typeparamref name="TContext"/> when a scope committed an outbox. Unlike MassTransit's
/// <c>BusOutboxNotification</c>, which drops a signal given while nobody waits, a signal given while the relay is in a
/// pass is kept, so the next wait returns at once and the next pass sees the new outbox. One per DbContext, because each
/// relay consumes the signals it waits for.
/// </summary>
public sealed class BusOutboxSignal<TContext>(IOptions<OutboxDeliveryServiceOptions> options) : IBusOutboxNotification
    where TContext : DbContext
{
    readonly Lock _lock = new();
    TaskCompletionSource _signalled = NewSource();

    /// <summary>Waits for a signal given since the last wait ended, at most <see cref="OutboxDeliveryServiceOptions.QueryDelay"/>.</summary>
    public async Task WaitForDelivery(CancellationToken cancellationToken)
    {
        Task signalled;
        lock (_lock)
            signalled = _signalled.Task;

        if (!signalled.IsCompleted)
        {
            using var poll = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            await Task.WhenAny(signalled, Task.Delay(options.Value.QueryDelay, poll.Token)).ConfigureAwait(false);
            await poll.CancelAsync().ConfigureAwait(false);
        }
        cancellationToken.ThrowIfCancellationRequested();

        lock (_lock)
        {
            if (_signalled.Task.IsCompleted)
                _signalled = NewSource();
        }
    }

    public void Delivered()
    {
        lock (_lock)
            _signalled.TrySetResult();
    }

    static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
