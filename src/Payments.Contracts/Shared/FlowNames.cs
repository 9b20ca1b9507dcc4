namespace Payments.Contracts.Shared;

/// <summary>The flows, by the name the outcome events, the sandbox, alerts and the CLI use for them.</summary>
public static class FlowNames
{
    /// <summary>A Stripe charge becomes a P21 sales order, whose number is written back onto the charge.</summary>
    public const string ChargeToOrder = "charge-to-order";

    /// <summary>A Znode order is paid through a Stripe PaymentIntent; Znode shows the payment and P21's ledger the journal.</summary>
    public const string ZnodeOrderToCash = "znode-order-to-cash";

    /// <summary>A Stripe refund books its own amount once: the P21 return document, the Znode payment status and note; reversed if it fails.</summary>
    public const string StripeRefund = "stripe-refund";

    /// <summary>An RMA approved in Znode is refunded in Stripe, booked in P21, and marked refund processed in Znode.</summary>
    public const string ZnodeReturn = "znode-return";

    /// <summary>A Stripe dispute holds the P21 order, books the withdrawn funds and fee, and reverses them if won.</summary>
    public const string StripeDispute = "stripe-dispute";

    /// <summary>Early fraud warnings and Radar's risk feed the explainable risk policy: proactive refund, order hold, alert.</summary>
    public const string PaymentRisk = "payment-risk";
    /// <summary>A Stripe payout is matched to its balance transactions, orders and fees, and booked as one balanced P21 GL journal.</summary>
    public const string PayoutReconciliation = "payout-reconciliation";

    /// <summary>One customer across Stripe, P21 and Znode: the link record, and each field written where its owner says.</summary>
    public const string CustomerSync = "customer-sync";

    /// <summary>A Stripe Billing subscription: each paid invoice becomes a P21 document, a failed payment its configured action.</summary>
    public const string StripeSubscription = "stripe-subscription";
}
