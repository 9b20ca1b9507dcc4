namespace Payments.Contracts;

/// <summary>Keys this integration reads from and writes to Stripe metadata.</summary>
public static class MetadataKeys
{
    public const string P21OrderNo = "p21_order_no";
    public const string P21CustomerId = "p21_customer_id";
}
