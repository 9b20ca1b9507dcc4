using System.ComponentModel.DataAnnotations;
using Payments.Contracts.Shared;

namespace Payments.Gateway.Mappers.ZnodeOrderToCash;

/// <summary>The <c>Gateway:ZnodeOrderToCash</c> section: how the gateway knows a Znode order's payment, and what it starts.</summary>
public sealed class ZnodeOrderToCashOptions
{
    public const string Section = "Gateway:ZnodeOrderToCash";

    /// <summary>
    /// The metadata key holding the Znode order number on the PaymentIntent and its charges. Keep it equal to the Stripe service's
    /// <c>Stripe:PaymentIntents:OrderNumberMetadataKey</c>, which writes it.
    /// </summary>
    [Required(ErrorMessage = "{0} is required (the metadata key of the Znode order number, e.g. znode_order_number).")]
    [RegularExpression(@"^[^\[\]]{1,40}$", ErrorMessage = "{0} must be 1 to 40 characters without square brackets (Stripe's rule for metadata keys).")]
    public string OrderNumberMetadataKey { get; set; } = StripeMetadataKeys.ZnodeOrderNumber;

    /// <summary>
    /// Also start charge-to-order (a P21 sales order) for the <c>charge.succeeded</c> of a Znode order. Off by default: the Znode flow
    /// books the payment in P21's ledger, and a sales order as well would count the sale twice unless P21 is set up for it.
    /// </summary>
    public bool AlsoChargeToOrder { get; set; }
}
