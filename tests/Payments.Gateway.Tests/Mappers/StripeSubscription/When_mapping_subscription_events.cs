using System.Text.Json.Nodes;
using Payments.Contracts.Shared;
using Payments.Contracts.StripeSubscription;
using Payments.Gateway.Mappers;
using Payments.Gateway.Mappers.StripeSubscription;
using Payments.Gateway.Webhooks;
using Payments.Simulators.Stripe;

namespace Payments.Gateway.Tests.Mappers.StripeSubscription;

/// <summary>Stripe's subscription object (its published fixture, as API 2025-03-31.basil and later shape it) ⇒ <see cref="StripeSubscriptionReported"/>.</summary>
[TestFixture]
public class When_mapping_subscription_events
{
    const string SubscriptionId = "sub_1QmPlan9xYz";
    static readonly DateTimeOffset PeriodStart = DateTimeOffset.FromUnixTimeSeconds(1_764_460_800);
    static readonly DateTimeOffset PeriodEnd = DateTimeOffset.FromUnixTimeSeconds(1_767_139_200);
    static readonly DateTimeOffset EventCreated = DateTimeOffset.FromUnixTimeSeconds(1_764_500_000);

    static JsonObject Subscription(Action<JsonObject>? change = null)
    {
        var subscription = StripeFixtures.Resource("subscription");
        subscription["id"] = SubscriptionId;
        subscription["customer"] = "cus_RkT8hJ2xQm4Lpa";
        subscription["status"] = "active";
        subscription["currency"] = "usd";
        subscription["cancel_at_period_end"] = false;
        subscription["canceled_at"] = null;
        subscription["ended_at"] = null;
        var item = subscription["items"]!["data"]![0]!.AsObject();
        item["quantity"] = 3;
        item["current_period_start"] = PeriodStart.ToUnixTimeSeconds();
        item["current_period_end"] = PeriodEnd.ToUnixTimeSeconds();
        change?.Invoke(subscription);
        return subscription;
    }

    static StripeEventEnvelope Envelope(string type, JsonObject subscription) =>
        StripeEventEnvelope.Read(StripeEventBuilder.Create(type, subscription, created: EventCreated).Json).Envelope!;

    static StripeSubscriptionReported Reported(StripeEventMapping mapping)
    {
        Assert.That(mapping.Kind, Is.EqualTo(MappingKind.Publish), mapping.Reason);
        return (StripeSubscriptionReported)mapping.Message!;
    }

    [Test]
    public void Should_report_the_subscription_with_its_items_and_the_items_billing_period()
    {
        var envelope = Envelope("customer.subscription.created", Subscription());

        var mapping = new SubscriptionCreatedMapper().Map(envelope);

        var message = Reported(mapping);
        Assert.Multiple(() =>
        {
            Assert.That(mapping.CorrelationId, Is.EqualTo(CorrelationKey.StripeSubscription(SubscriptionId).ToGuid()));
            Assert.That((message.SubscriptionId, message.StripeCustomerId, message.StripeEventId, message.EventType, message.Status, message.Currency),
                Is.EqualTo((SubscriptionId, "cus_RkT8hJ2xQm4Lpa", envelope.Id, "customer.subscription.created", "active", "USD")));
            Assert.That(message.Items, Is.EqualTo(new[]
            {
                new SubscriptionItem
                {
                    ItemId = "si_QXhVnC2h0Jczwc", PriceId = "price_1PgafmB7WZ01zgkW6dKueIc5", ProductId = "prod_QXg1hqf4jFNsqG", Quantity = 3,
                    UnitAmountMinor = 2000, Interval = "month",
                },
            }));
            Assert.That((message.CurrentPeriodStart, message.CurrentPeriodEnd), Is.EqualTo(((DateTimeOffset?)PeriodStart, (DateTimeOffset?)PeriodEnd)));
            Assert.That((message.CancelAtPeriodEnd, message.CanceledAt, message.EndedAt), Is.EqualTo((false, (DateTimeOffset?)null, (DateTimeOffset?)null)));
            Assert.That(message.ReportedAt, Is.EqualTo(EventCreated));
        });
    }

    [Test]
    public void Should_read_the_subscriptions_own_period_when_an_event_of_an_older_api_version_has_it()
    {
        var older = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
        var message = Reported(new SubscriptionUpdatedMapper().Map(Envelope("customer.subscription.updated", Subscription(s =>
        {
            s["current_period_start"] = older.ToUnixTimeSeconds();
            s["current_period_end"] = older.AddMonths(1).ToUnixTimeSeconds();
        }))));

        Assert.That((message.CurrentPeriodStart, message.CurrentPeriodEnd), Is.EqualTo(((DateTimeOffset?)older, (DateTimeOffset?)older.AddMonths(1))));
    }

    [Test]
    public void Should_report_a_cancellation_with_its_reason()
    {
        var canceledAt = DateTimeOffset.FromUnixTimeSeconds(1_764_490_000);
        var message = Reported(new SubscriptionDeletedMapper().Map(Envelope("customer.subscription.deleted", Subscription(s =>
        {
            s["status"] = "canceled";
            s["canceled_at"] = canceledAt.ToUnixTimeSeconds();
            s["ended_at"] = canceledAt.ToUnixTimeSeconds();
            s["cancellation_details"] = new JsonObject { ["reason"] = "payment_failed", ["comment"] = "card expired", ["feedback"] = null };
        }))));

        Assert.Multiple(() =>
        {
            Assert.That(message.Status, Is.EqualTo("canceled"));
            Assert.That((message.CanceledAt, message.EndedAt), Is.EqualTo(((DateTimeOffset?)canceledAt, (DateTimeOffset?)canceledAt)));
            Assert.That((message.CancellationReason, message.CancellationComment), Is.EqualTo(("payment_failed", "card expired")));
        });
    }

    [TestCase("status", "archived", "no known 'status'")]
    [TestCase("customer", null, "has no 'customer'")]
    [TestCase("currency", "dollars", "no ISO 4217 'currency'")]
    [TestCase("object", "invoice", "not a subscription")]
    public void Should_refuse_a_subscription_it_cannot_read(string field, string? value, string reason)
    {
        var mapping = new SubscriptionUpdatedMapper().Map(Envelope("customer.subscription.updated", Subscription(s => s[field] = value)));

        Assert.That(mapping.Kind, Is.EqualTo(MappingKind.Reject));
        Assert.That(mapping.Reason, Does.Contain(reason));
    }
}
