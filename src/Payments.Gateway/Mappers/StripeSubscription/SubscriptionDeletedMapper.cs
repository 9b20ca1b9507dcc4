namespace Payments.Gateway.Mappers.StripeSubscription;

/// <summary><c>customer.subscription.deleted</c> (a subscription ended) ⇒ <c>StripeSubscriptionReported</c> (<see cref="StripeSubscriptionReportedMapper"/>).</summary>
public sealed class SubscriptionDeletedMapper() : StripeSubscriptionReportedMapper("customer.subscription.deleted");
