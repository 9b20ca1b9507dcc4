namespace Payments.Contracts.Shared;

/// <summary>
/// The kinds of thing a flow can be about. Part of every derived correlation id: never rename one that is in use,
/// or running sagas stop matching their events.
/// </summary>
public static class CorrelationKinds
{
    /// <summary>A Stripe payment, keyed by payment intent id, else charge id.</summary>
    public const string StripePayment = "stripe-payment";

    /// <summary>A Znode order, keyed by Znode's order number.</summary>
    public const string ZnodeOrder = "znode-order";

    /// <summary>A P21 sales order, keyed by P21's order number.</summary>
    public const string P21Order = "p21-order";

    /// <summary>A Stripe charge, keyed by charge id (messages about the charge itself that no saga follows).</summary>
    public const string StripeCharge = "stripe-charge";

    /// <summary>A Stripe refund, keyed by refund id: each refund is booked once, by its own amount.</summary>
    public const string StripeRefund = "stripe-refund";

    /// <summary>A Znode RMA return, keyed by Znode's return number.</summary>
    public const string ZnodeReturn = "znode-return";

    /// <summary>A Stripe dispute, keyed by dispute id.</summary>
    public const string StripeDispute = "stripe-dispute";

    /// <summary>The risk of one Stripe charge (Radar outcome, early fraud warnings), keyed by charge id.</summary>
    public const string ChargeRisk = "charge-risk";
    /// <summary>A Stripe payout, keyed by payout id: its reconciliation and its one P21 journal.</summary>
    public const string StripePayout = "stripe-payout";

    /// <summary>A Stripe customer, keyed by customer id: its link to P21 and Znode and its fields kept in step.</summary>
    public const string StripeCustomer = "stripe-customer";

    /// <summary>A Stripe Billing subscription, keyed by subscription id: its invoices into P21.</summary>
    public const string StripeSubscription = "stripe-subscription";
}
