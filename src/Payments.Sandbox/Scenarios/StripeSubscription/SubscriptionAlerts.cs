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

    public IReadOnlyList<SubscriptionCanceled> Canceled(string subscriptionId) =>
        [.. _seen.OfType<SubscriptionCanceled>().Where(m => m.SubscriptionId == subscriptionId)];

    public IReadOnlyList<SubscriptionPaymentFailed> PaymentFailed(string subscriptionId) =>
        [.. _seen.OfType<SubscriptionPaymentFailed>().Where(m => m.SubscriptionId == subscriptionId)];

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
