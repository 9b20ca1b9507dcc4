namespace Payments.Gateway.Mappers.StripeSubscription;

/// <summary><c>customer.subscription.created</c> (a customer signed up for a subscription) ⇒ <c>StripeSubscriptionReported</c> (<see cref="StripeSubscriptionReportedMapper"/>).</summary>
public sealed class SubscriptionCreatedMapper() : StripeSubscriptionReportedMapper("customer.subscription.created");
