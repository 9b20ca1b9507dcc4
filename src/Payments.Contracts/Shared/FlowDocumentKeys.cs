namespace Payments.Contracts.Shared;

/// <summary>Keys of <see cref="FlowCompleted.Documents"/>: which document a flow left in which system.</summary>
public static class FlowDocumentKeys
{
    public const string P21SalesOrder = "p21.sales-order";
    public const string P21Customer = "p21.customer";
    public const string StripeCharge = "stripe.charge";
    public const string StripePaymentIntent = "stripe.payment-intent";
    public const string StripeCustomer = "stripe.customer";
    public const string ZnodeOrder = "znode.order";
    public const string P21Journal = "p21.journal";
    public const string StripeRefund = "stripe.refund";
    public const string StripeDispute = "stripe.dispute";
    public const string P21Rma = "p21.rma";
    public const string ZnodeReturn = "znode.return";
    public const string StripePayout = "stripe.payout";
    /// <summary>The journal that reverses a failed payout's.</summary>
    public const string P21ReversalJournal = "p21.reversal-journal";
    public const string ZnodeAccount = "znode.account";
    public const string StripeSubscription = "stripe.subscription";
    public const string StripeInvoice = "stripe.invoice";
    /// <summary>The P21 document of a paid subscription invoice (sales order or invoice, as configured).</summary>
    public const string P21SubscriptionDocument = "p21.subscription-document";
}
