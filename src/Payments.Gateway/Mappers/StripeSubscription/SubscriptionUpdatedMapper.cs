namespace Payments.Gateway.Mappers.StripeSubscription;

/// <summary><c>customer.subscription.updated</c> (a subscription changed: status, items, cancel at period end) ⇒ <c>StripeSubscriptionReported</c> (<see cref="StripeSubscriptionReportedMapper"/>).</summary>
public sealed class SubscriptionUpdatedMapper() : StripeSubscriptionReportedMapper("customer.subscription.updated");
