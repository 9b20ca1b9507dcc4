namespace Payments.Contracts.Shared;

/// <summary>Keys this integration reads from and writes to Stripe metadata.</summary>
public static class StripeMetadataKeys
{
    public const string P21OrderNo = "p21_order_no";
    public const string P21CustomerId = "p21_customer_id";
    /// <summary>The Znode order a PaymentIntent (and, copied by Stripe at confirmation, its charge) is for; the default of the configurable key.</summary>
    public const string ZnodeOrderNumber = "znode_order_number";
    /// <summary>The Znode return a refund pays, written on refunds the Znode-return flow makes.</summary>
    public const string ZnodeReturnNumber = "znode_return_number";
    /// <summary>The early fraud warning a proactive refund answers.</summary>
    public const string EarlyFraudWarning = "early_fraud_warning";
}
