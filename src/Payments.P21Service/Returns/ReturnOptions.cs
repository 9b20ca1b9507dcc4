using System.ComponentModel.DataAnnotations;

namespace Payments.P21Service.Returns;

/// <summary>What P21 gets for a refund of a charge-to-order charge.</summary>
public enum ReturnDocument
{
    /// <summary>An RMA through the Transaction API's <c>RMA</c> service, against the customer of the charge's sales order.</summary>
    Rma,
    /// <summary>A journal of the refund's amount (<see cref="ReturnOptions.JournalDebitAccount"/> / <see cref="ReturnOptions.JournalCreditAccount"/>).</summary>
    Journal,
}

/// <summary>Which lines the RMA of a full refund carries.</summary>
public enum FullRefundLines
{
    /// <summary>The original order's lines, read from P21 (item, quantity, unit price).</summary>
    OriginalLines,
    /// <summary>One line of <see cref="ReturnOptions.RefundItemId"/> priced at the refund's amount, as a partial refund.</summary>
    RefundItem,
}

/// <summary>The <c>P21:Returns</c> section: the return document a refund leaves in P21.</summary>
public sealed class ReturnOptions
{
    public const string Section = "P21:Returns";

    /// <summary>For a refund of a charge with a P21 sales order: an RMA (default) or a journal. A Znode-origin charge always gets a reversing journal.</summary>
    public ReturnDocument Document { get; set; } = ReturnDocument.Rma;

    /// <summary>The RMA of a refund that empties the charge: the original order's lines (default) or the refund item.</summary>
    public FullRefundLines FullRefund { get; set; } = FullRefundLines.OriginalLines;

    /// <summary>The item a partial refund's RMA line is written on, priced at the refund's amount (create it in P21 as a non-stock item).</summary>
    [Required(ErrorMessage = "{0} is required (the P21 item a partial refund's RMA line is written on).")]
    [MaxLength(40, ErrorMessage = "{0} has at most 40 characters (P21's item_id).")]
    public string RefundItemId { get; set; } = "STRIPE-REFUND";

    /// <summary>The RMA's reason (<c>REASONCODESHDR.reasoncodeshdr.lost_sales_id</c>); empty = none sent.</summary>
    public string? ReasonCode { get; set; }

    /// <summary>The RMA's taker; empty = <c>P21:SalesOrders:Taker</c>.</summary>
    [MaxLength(30, ErrorMessage = "{0} has at most 30 characters (P21's taker).")]
    public string? Taker { get; set; }

    /// <summary>A refund journal's debit account; empty = <c>P21:Journals:CreditAccount</c> (the sale's credit, reversed).</summary>
    [MaxLength(32, ErrorMessage = "{0} has at most 32 characters (P21's account_number).")]
    public string? JournalDebitAccount { get; set; }

    /// <summary>A refund journal's credit account; empty = <c>P21:Journals:DebitAccount</c> (the money leaves Stripe clearing).</summary>
    [MaxLength(32, ErrorMessage = "{0} has at most 32 characters (P21's account_number).")]
    public string? JournalCreditAccount { get; set; }
}
