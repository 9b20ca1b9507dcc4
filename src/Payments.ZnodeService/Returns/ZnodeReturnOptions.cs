using System.ComponentModel.DataAnnotations;
using Payments.Domain.Mappings;

namespace Payments.ZnodeService.Returns;

/// <summary>
/// <c>Znode:Returns</c>: how approved RMA returns come in (Znode 9.x sends nothing: the poller reads <c>rmareturn/list</c> by
/// modified date, as the order poller does) and which return states mean what. States are named as in Znode's
/// <c>ZnodeRmaReturnState</c> table and matched without case.
/// </summary>
public sealed class ZnodeReturnOptions
{
    public const string Section = "Znode:Returns";

    /// <summary>Run the return poller.</summary>
    public bool Poll { get; set; } = true;

    [Range(typeof(TimeSpan), "00:00:00.1", "01:00:00", ErrorMessage = "{0} must be between 00:00:00.1 and 01:00:00.")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Each round reads again from this long before the checkpoint (late commits, clocks apart); returns seen twice are known by number.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ErrorMessage = "{0} must be between 00:00:00 and 1.00:00:00.")]
    public TimeSpan Overlap { get; set; } = TimeSpan.FromMinutes(5);

    [Range(1, 1000, ErrorMessage = "{0} must be between 1 and 1000.")]
    public int PageSize { get; set; } = 50;

    /// <summary>On the very first start (no checkpoint yet), how far back to read. Zero: only returns modified from then on.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "3650.00:00:00", ErrorMessage = "{0} must be between 00:00:00 and 3650.00:00:00.")]
    public TimeSpan InitialLookback { get; set; } = TimeSpan.Zero;

    /// <summary>How long a replica's claim to poll lasts without renewal. Longer than a round.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "{0} must be between 00:00:01 and 01:00:00.")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Return states whose approved amount is to be refunded (Znode's 50 and 70).</summary>
    public string[] ApprovedStates { get; set; } = [.. ZnodeStateMappings.ApprovedReturnStates];

    /// <summary>The state a return moves to once its refund is booked (Znode's 80).</summary>
    [Required(ErrorMessage = "{0} is required (Znode's name is REFUND PROCESSED).")]
    public string RefundProcessedState { get; set; } = ZnodeStateMappings.RefundProcessedState;

    /// <summary>The list column the poller filters and sorts on.</summary>
    [Required(ErrorMessage = "{0} is required (e.g. ModifiedDate).")]
    public string ModifiedDateColumn { get; set; } = "ModifiedDate";

    /// <summary>How a date is written in the filter (.NET format, on Znode's clock).</summary>
    [Required(ErrorMessage = "{0} is required (e.g. yyyy-MM-ddTHH:mm:ss.fff).")]
    public string FilterDateFormat { get; set; } = "yyyy-MM-ddTHH:mm:ss.fff";

    /// <summary>How long the return-state table is kept after a read.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ErrorMessage = "{0} must be between 00:00:00 and 1.00:00:00.")]
    public TimeSpan StateTableCacheDuration { get; set; } = TimeSpan.FromMinutes(10);
}
