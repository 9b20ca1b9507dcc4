using System.Text.Json;
using Payments.Contracts.Shared;
using Payments.Contracts.StripeSubscription;
using Payments.Gateway.Webhooks;

namespace Payments.Gateway.Mappers.StripeSubscription;

/// <summary>
/// What the three <c>customer.subscription.*</c> mappers share: the subscription object ⇒ <see cref="StripeSubscriptionReported"/>, the
/// subscription as it is now, correlated to the subscription (https://docs.stripe.com/api/subscriptions/object). Since API
/// 2025-03-31.basil the billing period lives on each item (<c>items.data[].current_period_start/end</c>), no longer on the
/// subscription; the subscription's own fields are still read when an event of an older version carries them.
/// </summary>
public abstract class StripeSubscriptionReportedMapper(string eventType) : IStripeEventMapper
{
    /// <summary>Stripe's subscription statuses (https://docs.stripe.com/api/subscriptions/object#subscription_object-status).</summary>
    public static readonly IReadOnlySet<string> Statuses = new HashSet<string>(StringComparer.Ordinal)
    {
        "incomplete", "incomplete_expired", "trialing", "active", "past_due", "canceled", "unpaid", "paused",
    };

    public string Flow => FlowNames.StripeSubscription;

    public IReadOnlyCollection<string> EventTypes { get; } = [eventType];

    public bool StartsPayment => false;

    public StripeEventMapping Map(StripeEventEnvelope envelope)
    {
        var subscription = envelope.DataObject;
        var objectType = StripeJson.String(subscription, "object");
        if (objectType != "subscription")
            return StripeEventMapping.Reject($"{envelope.Type} carries a '{objectType ?? "(no object)"}', not a subscription.");
        if (StripeJson.NonEmpty(StripeJson.String(subscription, "id")) is not { } subscriptionId)
            return StripeEventMapping.Reject("The subscription has no 'id'.");
        if (StripeJson.NonEmpty(StripeJson.Id(subscription, "customer")) is not { } customerId)
            return StripeEventMapping.Reject($"Subscription {subscriptionId} has no 'customer'.");
        if (StripeJson.String(subscription, "status") is not { } status || !Statuses.Contains(status))
            return StripeEventMapping.Reject($"Subscription {subscriptionId} has no known 'status' (got '{StripeJson.String(subscription, "status")}'; " +
                                             $"expected one of {string.Join(", ", Statuses)}).");
        if (StripeJson.Currency(subscription) is not { } currency)
            return StripeEventMapping.Reject($"Subscription {subscriptionId} has no ISO 4217 'currency' (got '{StripeJson.String(subscription, "currency")}').");
        if (StripeJson.UnixTime(subscription, "created") is not { } createdAt)
            return StripeEventMapping.Reject($"Subscription {subscriptionId} has no 'created' time.");

        var items = new List<SubscriptionItem>();
        var itemStarts = new List<DateTimeOffset>();
        var itemEnds = new List<DateTimeOffset>();
        if (StripeJson.Object(subscription, "items") is { } list && list.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in data.EnumerateArray())
            {
                if (StripeJson.NonEmpty(StripeJson.String(item, "id")) is not { } itemId)
                    return StripeEventMapping.Reject($"Subscription {subscriptionId} has an item without 'id'.");
                var price = StripeJson.Object(item, "price");
                items.Add(new SubscriptionItem
                {
                    ItemId = itemId,
                    PriceId = price is { } p ? StripeJson.NonEmpty(StripeJson.String(p, "id")) : StripeJson.NonEmpty(StripeJson.String(item, "price")),
                    ProductId = price is { } p2 ? StripeJson.NonEmpty(StripeJson.Id(p2, "product")) : null,
                    Quantity = StripeJson.Integer(item, "quantity") ?? 1,
                    UnitAmountMinor = price is { } p3 ? StripeJson.Integer(p3, "unit_amount") : null,
                    Interval = price is { } p4 && StripeJson.Object(p4, "recurring") is { } recurring ? StripeJson.String(recurring, "interval") : null,
                });
                if (StripeJson.UnixTime(item, "current_period_start") is { } start) itemStarts.Add(start);
                if (StripeJson.UnixTime(item, "current_period_end") is { } end) itemEnds.Add(end);
            }
        }

        var cancellation = StripeJson.Object(subscription, "cancellation_details");
        var correlationId = CorrelationKey.StripeSubscription(subscriptionId).ToGuid();
        return StripeEventMapping.Publish(new StripeSubscriptionReported
        {
            CorrelationId = correlationId,
            SubscriptionId = subscriptionId,
            StripeCustomerId = customerId,
            StripeEventId = envelope.Id,
            EventType = envelope.Type,
            Status = status,
            Currency = currency,
            Items = items,
            // Items billed on one cycle share the period; mixed cycles: the span that covers them all.
            CurrentPeriodStart = StripeJson.UnixTime(subscription, "current_period_start") ?? (itemStarts.Count > 0 ? itemStarts.Min() : null),
            CurrentPeriodEnd = StripeJson.UnixTime(subscription, "current_period_end") ?? (itemEnds.Count > 0 ? itemEnds.Max() : null),
            CancelAtPeriodEnd = StripeJson.Boolean(subscription, "cancel_at_period_end") ?? false,
            CanceledAt = StripeJson.UnixTime(subscription, "canceled_at"),
            EndedAt = StripeJson.UnixTime(subscription, "ended_at"),
            CancellationReason = cancellation is { } c ? StripeJson.NonEmpty(StripeJson.String(c, "reason")) : null,
            CancellationComment = cancellation is { } c2 ? StripeJson.NonEmpty(StripeJson.String(c2, "comment")) : null,
            SubscriptionCreatedAt = createdAt,
            ReportedAt = envelope.Created ?? createdAt,
        }, correlationId);
    }
}
