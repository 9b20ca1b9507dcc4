namespace Payments.Gateway.Mappers.CustomerSync;

/// <summary><c>customer.created</c> (a customer was created (in the Dashboard, by Checkout, through the API)) ⇒ <c>StripeCustomerReported</c> (<see cref="StripeCustomerReportedMapper"/>).</summary>
public sealed class CustomerCreatedMapper() : StripeCustomerReportedMapper("customer.created");
