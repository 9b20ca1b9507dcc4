namespace Payments.Gateway.Mappers.CustomerSync;

/// <summary><c>customer.updated</c> (a customer changed; data.previous_attributes names what) ⇒ <c>StripeCustomerReported</c> (<see cref="StripeCustomerReportedMapper"/>).</summary>
public sealed class CustomerUpdatedMapper() : StripeCustomerReportedMapper("customer.updated");
