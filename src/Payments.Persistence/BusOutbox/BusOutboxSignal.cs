using System.Collections.Concurrent;
using MassTransit;
using MassTransit.Middleware.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Payments.Persistence.Concurrency;

namespace Payments.Persistence.BusOutbox;

/// <summary>
/// Wakes the relay of <typeparamref name="TContext"/> when a scope committed an outbox, and tells it which one, so that the
/// relay can claim it by key (<see cref="BusOutboxRelay{TContext}.DeliverCommitted"/>) instead of looking for due outboxes.
/// Unlike MassTransit's <c>BusOutboxNotification</c>, which drops a signal given while nobody waits, a signal given while the
/// relay is in a pass is kept (<see cref="WakeSignal"/>), so the next wait returns at once and the next pass sees the new outbox.
/// One per DbContext, because each relay consumes the signals it waits for.
/// </summary>
public sealed class BusOutboxSignal<TContext>(IOptions<OutboxDeliveryServiceOptions> options) : IBusOutboxNotification
    where TContext : DbContext
{
    /// <summary>Outbox ids kept for the next pass; past this many the relay looks for due outboxes instead (it finds them all).</summary>
    public const int MaxCommitted = 4096;

    readonly WakeSignal _signal = new();
    readonly ConcurrentQueue<Guid> _committed = new();
    int _count;
    int _scanRequested;

    /// <summary>Waits for a signal given since the last wait ended, at most <see cref="OutboxDeliveryServiceOptions.QueryDelay"/>.</summary>
    public Task WaitForDelivery(CancellationToken cancellationToken) => WaitForDelivery(options.Value.QueryDelay, cancellationToken);

    /// <summary>Waits for a signal given since the last wait ended, at most <paramref name="timeout"/> (none when it is not positive).</summary>
    public Task WaitForDelivery(TimeSpan timeout, CancellationToken cancellationToken) =>
        _signal.WaitAsync(timeout > TimeSpan.Zero ? timeout : TimeSpan.Zero, TimeProvider.System, cancellationToken);

    /// <summary>An outbox was committed (or may have been) whose id is not known: the next pass looks for every due outbox.</summary>
    public void Delivered()
    {
        Volatile.Write(ref _scanRequested, 1);
        _signal.Set();
    }

    /// <summary>The outbox <paramref name="outboxId"/> was committed (or may have been: a claim by key that finds nothing is harmless).</summary>
    public void Committed(Guid outboxId)
    {
        if (Interlocked.Increment(ref _count) <= MaxCommitted)
            _committed.Enqueue(outboxId);
        else
        {
            Interlocked.Decrement(ref _count);
            Volatile.Write(ref _scanRequested, 1);
        }
        _signal.Set();
    }

    /// <summary>The committed outbox ids given since the last call.</summary>
    public List<Guid> TakeCommitted()
    {
        var ids = new List<Guid>();
        while (_committed.TryDequeue(out var id))
        {
            Interlocked.Decrement(ref _count);
            ids.Add(id);
        }
        return ids;
    }

    /// <summary>Whether an outbox without a known id (or one more than <see cref="MaxCommitted"/>) was signalled since the last call.</summary>
    public bool TakeScanRequest() => Interlocked.Exchange(ref _scanRequested, 0) == 1;
}
