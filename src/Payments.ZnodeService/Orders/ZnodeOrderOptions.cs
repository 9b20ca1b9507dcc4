using System.ComponentModel.DataAnnotations;
using Payments.Domain.Mappings;

namespace Payments.ZnodeService.Orders;

/// <summary>
/// <c>Znode:Orders</c>: what this service does to a Znode order's state and history. Order states are named as in Znode's
/// <c>ZnodeOmsOrderState</c> table (looked up by name in <c>orderstate/list</c>, without regard to case); empty leaves the state alone.
/// </summary>
public sealed class ZnodeOrderOptions
{
    public const string Section = "Znode:Orders";

    /// <summary>The state a paid order moves to (e.g. <c>APPROVED</c>); empty leaves it where it is (<c>SUBMITTED</c>).</summary>
    public string? PaidOrderState { get; set; }

    /// <summary>The state an order moves to after a declined attempt; empty (the default) leaves it: a later attempt may still pay.</summary>
    public string? DeclinedOrderState { get; set; }

    /// <summary>The state an unpaid order is cancelled to. Znode spells its default <c>CANCELED</c> (one L).</summary>
    [Required(ErrorMessage = "{0} is required (Znode's default is CANCELED).")]
    public string CanceledOrderState { get; set; } = ZnodeStateMappings.CanceledOrderState;

    /// <summary>The author of our history rows (<c>UpdatedBy</c>).</summary>
    [Required(ErrorMessage = "{0} is required (e.g. Payments).")]
    [MaxLength(100, ErrorMessage = "{0} must be at most 100 characters.")]
    public string NoteAuthor { get; set; } = "Payments";

    /// <summary>
    /// Read the order's history (<c>expand=znodeomshistories</c>) before writing a note, and skip a note already there: what makes
    /// a redelivered command write no second note even when it died after Znode took the first. Turn off only for an installation
    /// whose reads do not return the history (then a note may repeat in that narrow case; docs/external-apis/znode.md#order-history).
    /// </summary>
    public bool ReadHistoryBeforeNote { get; set; } = true;

    /// <summary>How long the order-state table is kept after a read.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ErrorMessage = "{0} must be between 00:00:00 and 1.00:00:00.")]
    public TimeSpan StateTableCacheDuration { get; set; } = TimeSpan.FromMinutes(10);
}
