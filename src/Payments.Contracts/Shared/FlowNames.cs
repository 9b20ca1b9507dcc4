namespace Payments.Contracts.Shared;

/// <summary>The flows, by the name the outcome events, the sandbox, alerts and the CLI use for them.</summary>
public static class FlowNames
{
    /// <summary>A Stripe charge becomes a P21 sales order, whose number is written back onto the charge.</summary>
    public const string ChargeToOrder = "charge-to-order";

    /// <summary>A Znode order is paid through a Stripe PaymentIntent; Znode shows the payment and P21's ledger the journal.</summary>
    public const string ZnodeOrderToCash = "znode-order-to-cash";
}
