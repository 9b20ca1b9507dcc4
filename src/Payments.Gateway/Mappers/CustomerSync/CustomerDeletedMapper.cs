namespace Payments.Gateway.Mappers.CustomerSync;

/// <summary><c>customer.deleted</c> (a customer was deleted: the link is cleared, nothing is deleted in P21 or Znode) ⇒ <c>StripeCustomerReported</c> (<see cref="StripeCustomerReportedMapper"/>).</summary>
public sealed class CustomerDeletedMapper() : StripeCustomerReportedMapper("customer.deleted");
