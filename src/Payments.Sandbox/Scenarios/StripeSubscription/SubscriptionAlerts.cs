using System.Collections.Concurrent;
using MassTransit;
using Payments.Contracts.StripeSubscription;

namespace Payments.Sandbox.Scenarios.StripeSubscription;

/// <summary>
/// What the stripe-subscription flow announced on the bus for a person to see (a cancellation, a failed payment): the scenarios read it
/// here, as an alerting system subscribed to these events would receive them.
/// </summary>
public sealed class SubscriptionAlerts
{
    readonly ConcurrentQueue<object> _seen = new();

    static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    public IReadOnlyList<SubscriptionCanceled> Canceled(string subscriptionId) =>
        [.. _seen.OfType<SubscriptionCanceled>().Where(m => m.SubscriptionId == subscriptionId)];

    public IReadOnlyList<SubscriptionPaymentFailed> PaymentFailed(string subscriptionId) =>
        [.. _seen.OfType<SubscriptionPaymentFailed>().Where(m => m.SubscriptionId == subscriptionId)];

    /// <summary>
    /// The alerts <paramref name="read"/> finds, once there is one or <see cref="SubscriptionFlow.Step"/> has passed: the saga's row
    /// shows its new state at its commit, and the alert it published then still has the outbox and the bus to go through (on a loaded
    /// machine a scenario read it too early and reported none).
    /// </summary>
    public async Task<IReadOnlyList<T>> WaitAsync<T>(Func<SubscriptionAlerts, IReadOnlyList<T>> read, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + SubscriptionFlow.Step;
        var found = read(this);
        while (found.Count == 0 && DateTime.UtcNow < deadline && !cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(Poll, CancellationToken.None);
            found = read(this);
        }
        return found;
    }

    internal void Add(object message) => _seen.Enqueue(message);
}

/// <summary>Listens for the subscription flow's alerts on the sandbox's bus.</summary>
public sealed class SubscriptionAlertObserver(SubscriptionAlerts alerts) : IConsumer<SubscriptionCanceled>, IConsumer<SubscriptionPaymentFailed>
{
    public Task Consume(ConsumeContext<SubscriptionCanceled> context)
    {
        alerts.Add(context.Message);
        return Task.CompletedTask;
    }

    public Task Consume(ConsumeContext<SubscriptionPaymentFailed> context)
    {
        alerts.Add(context.Message);
        return Task.CompletedTask;
    }
}
