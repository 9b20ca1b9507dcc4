using System.ComponentModel.DataAnnotations;

namespace Payments.StripeService.PaymentIntents;

/// <summary>The <c>Stripe:PaymentIntents</c> section: what the PaymentIntents we create carry.</summary>
public sealed class PaymentIntentOptions
{
    public const string Section = "Stripe:PaymentIntents";

    /// <summary>
    /// The metadata key that holds the Znode order number on the PaymentIntent (and, copied by Stripe at confirmation, on its charge).
    /// The gateway routes and maps payments by the same key (<c>Gateway:ZnodeOrderToCash:OrderNumberMetadataKey</c>): keep them equal.
    /// </summary>
    [Required(ErrorMessage = "{0} is required (the metadata key of the Znode order number, e.g. znode_order_number).")]
    [RegularExpression(@"^[^\[\]]{1,40}$", ErrorMessage = "{0} must be 1 to 40 characters without square brackets (Stripe's rule for metadata keys).")]
    public string OrderNumberMetadataKey { get; set; } = Contracts.Shared.StripeMetadataKeys.ZnodeOrderNumber;
}
