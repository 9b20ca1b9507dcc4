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
}
