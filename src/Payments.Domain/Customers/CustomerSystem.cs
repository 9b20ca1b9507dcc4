namespace Payments.Domain.Customers;

/// <summary>The systems that keep a customer: the payment platform, the ERP and the storefront.</summary>
public enum CustomerSystem
{
    Stripe,
    P21,
    Znode,
}
