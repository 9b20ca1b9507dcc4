using System.ComponentModel.DataAnnotations;
using Payments.Domain.Mappings;

namespace Payments.ZnodeService.Payments;

/// <summary>Which Stripe id Znode keeps as the order's transaction id.</summary>
public enum TransactionIdSource
{
    /// <summary>The charge (<c>ch_…</c>/<c>py_…</c>): what Stripe's dashboard and payouts list; the PaymentIntent when the event named no charge.</summary>
    Charge,
    /// <summary>The PaymentIntent (<c>pi_…</c>).</summary>
    PaymentIntent,
}

/// <summary>
/// <c>Znode:Payments</c>: how a Stripe payment shows in Znode (payment state names of <c>ZnodeOmsPaymentState</c>, the transaction
/// id) and how the shopper is offered the payment (a history note on the order, the PaymentIntent id as the transaction id, an
/// e-mail with a link built from <see cref="PaymentLinkTemplate"/>).
/// </summary>
public sealed class ZnodePaymentOptions
{
    public const string Section = "Znode:Payments";

    /// <summary>The payment state name of a captured payment (Znode's code uses <c>CAPTURED</c>; names are matched without case).</summary>
    [Required(ErrorMessage = "{0} is required (Znode's name is CAPTURED).")]
    public string CapturedStatus { get; set; } = ZnodeStateMappings.CapturedStatus;

    /// <summary>The payment state name of a declined attempt.</summary>
    [Required(ErrorMessage = "{0} is required (Znode's name is DECLINED).")]
    public string DeclinedStatus { get; set; } = ZnodeStateMappings.DeclinedStatus;

    /// <summary>The payment state name of a charge refunded whole (Znode's code uses <c>REFUNDED</c>).</summary>
    [Required(ErrorMessage = "{0} is required (Znode's name is REFUNDED).")]
    public string RefundedStatus { get; set; } = ZnodeStateMappings.RefundedStatus;

    /// <summary>
    /// The payment state name of a charge refunded in part. Znode's code has none; an installation that shows partial refunds adds
    /// a <c>ZnodeOmsPaymentState</c> row (docs/external-apis/znode.md#returns). Must exist there, or a partial refund fails with Znode's error.
    /// </summary>
    [Required(ErrorMessage = "{0} is required (e.g. PARTIALLY REFUNDED).")]
    public string PartiallyRefundedStatus { get; set; } = ZnodeStateMappings.PartiallyRefundedStatus;

    public TransactionIdSource TransactionId { get; set; } = TransactionIdSource.Charge;

    /// <summary>
    /// The shopper's payment page. Placeholders: <c>{orderNumber}</c>, <c>{omsOrderId}</c>, <c>{paymentIntentId}</c>,
    /// <c>{clientSecret}</c> (for a page that confirms the PaymentIntent with Stripe.js), <c>{amount}</c> (e.g. 113.25),
    /// <c>{currency}</c>; each is URL-escaped. Empty: no link (then the shopper pays where the store says).
    /// </summary>
    public string? PaymentLinkTemplate { get; set; }

    /// <summary>Offer by a history note on the order (naming the PaymentIntent, amount and whether it was e-mailed).</summary>
    public bool OfferNote { get; set; } = true;

    /// <summary>Put the payment link in that note too. Off by default: a link with <c>{clientSecret}</c> should not sit in Znode's admin.</summary>
    public bool OfferNoteIncludesLink { get; set; }

    /// <summary>Offer by setting the PaymentIntent id as the order's transaction id (replaced by the charge once paid, as configured).</summary>
    public bool OfferTransactionId { get; set; }

    /// <summary>Offer by e-mail to the shopper (needs <c>Znode:Mail:Host</c>).</summary>
    public bool OfferEmail { get; set; } = true;
}
