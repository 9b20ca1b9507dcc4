using MassTransit;
using MassTransit.Middleware.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Payments.Persistence.Concurrency;

namespace Payments.Persistence.BusOutbox;

/// <summary>
/// Wakes the relay of <typeparamref name="TContext"/> when a scope committed an outbox. Unlike MassTransit's
/// <c>BusOutboxNotification</c>, which drops a signal given while nobody waits, a signal given while the relay is in a
/// pass is kept (<see cref="WakeSignal"/>), so the next wait returns at once and the next pass sees the new outbox. One per
/// DbContext, because each relay consumes the signals it waits for.
/// </summary>
public sealed class BusOutboxSignal<TContext>(IOptions<OutboxDeliveryServiceOptions> options) : IBusOutboxNotification
    where TContext : DbContext
{
    readonly WakeSignal _signal = new();

    /// <summary>Waits for a signal given since the last wait ended, at most <see cref="OutboxDeliveryServiceOptions.QueryDelay"/>.</summary>
    public Task WaitForDelivery(CancellationToken cancellationToken) =>
        _signal.WaitAsync(options.Value.QueryDelay, TimeProvider.System, cancellationToken);

    public void Delivered() => _signal.Set();
}
