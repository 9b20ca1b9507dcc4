namespace Payments.Contracts.Shared;

/// <summary>Keys this integration reads from and writes to Stripe metadata.</summary>
public static class StripeMetadataKeys
{
    public const string P21OrderNo = "p21_order_no";
    public const string P21CustomerId = "p21_customer_id";
}
