using MassTransit;
using Payments.Contracts.Operations;

namespace Payments.Operations.Alerts.Consumers;

/// <summary>The sweep (or a backfill) fed Stripe events the webhooks had not brought: one alert per source within the window, the rest summarised.</summary>
public sealed class MissedEventsFoundAlertConsumer(AlertDispatcher alerts) : IConsumer<MissedEventsFound>
{
    public Task Consume(ConsumeContext<MissedEventsFound> context)
    {
        var m = context.Message;
        return alerts.RaiseAsync(new Alert(
            AlertKinds.MissedEvents,
            Alert.KeyOf(AlertKinds.MissedEvents, m.Source),
            $"The {m.Source} found {m.Count} Stripe event(s) the webhooks had not delivered",
            $"{m.Count} Stripe event(s), the oldest created {m.OldestCreatedAt:u}, were not received as webhooks and have been fed in by the {m.Source}.\n"
            + $"Events: {string.Join(", ", m.EventIds)}{(m.Count > m.EventIds.Count ? ", …" : "")}\n\n"
            + "Check the gateway is reachable from Stripe, that the endpoint is enabled in Stripe's dashboard, and the signing secret (payments stripe webhook check).",
            m.FoundAt), context.CancellationToken);
    }
}
