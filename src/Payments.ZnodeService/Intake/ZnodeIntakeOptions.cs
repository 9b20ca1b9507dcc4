using System.ComponentModel.DataAnnotations;
using Payments.Domain.Mappings;

namespace Payments.ZnodeService.Intake;

/// <summary>
/// <c>Znode:Intake</c>: how Znode orders come in. Znode 9.x sends nothing, so the poller reads <c>orders/list</c> by modified date;
/// Znode 10's webhook reaches <c>POST /webhooks/znode</c> (<c>Znode:Webhook</c>), which hands the order number on to be read (both ways may run at once: an order is
/// published once, whichever sees it first). Only orders whose payment status is one of <see cref="PaymentStatuses"/> are
/// published; the others are recorded as skipped.
/// </summary>
public sealed class ZnodeIntakeOptions
{
    public const string Section = "Znode:Intake";

    /// <summary>Run the poller (Znode 9.x). Off for a Znode 10 installation that announces orders by webhook only.</summary>
    public bool Poll { get; set; } = true;

    [Range(typeof(TimeSpan), "00:00:00.1", "01:00:00", ErrorMessage = "{0} must be between 00:00:00.1 and 01:00:00.")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Each round reads again from this long before the checkpoint: an order whose transaction committed late with an earlier
    /// modified date, or clocks a little apart, are still seen. Orders seen twice are recognised by their number.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ErrorMessage = "{0} must be between 00:00:00 and 1.00:00:00.")]
    public TimeSpan Overlap { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Rows per <c>orders/list</c> page.</summary>
    [Range(1, 1000, ErrorMessage = "{0} must be between 1 and 1000.")]
    public int PageSize { get; set; } = 50;

    /// <summary>On the very first start (no checkpoint yet), how far back to read. Zero: only orders modified from then on.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "3650.00:00:00", ErrorMessage = "{0} must be between 00:00:00 and 3650.00:00:00.")]
    public TimeSpan InitialLookback { get; set; } = TimeSpan.Zero;

    /// <summary>How long a replica's claim to poll lasts without renewal; another replica takes over after it. Longer than a round.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "{0} must be between 00:00:01 and 01:00:00.")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Payment statuses (Znode's names, matched without case) of orders that await payment through this flow.</summary>
    public string[] PaymentStatuses { get; set; } = [.. ZnodeStateMappings.AwaitingPaymentStatuses];

    /// <summary>The list column the poller filters and sorts on. <c>OrderModifiedDate</c> is the list procedure's name for it (docs/external-apis/znode.md#orders-list).</summary>
    [Required(ErrorMessage = "{0} is required (Znode's is OrderModifiedDate).")]
    public string ModifiedDateColumn { get; set; } = "OrderModifiedDate";

    /// <summary>How a date is written in the filter (.NET format, on Znode's clock). Znode hands it to SQL Server: ISO 8601 is safe.</summary>
    [Required(ErrorMessage = "{0} is required (e.g. yyyy-MM-ddTHH:mm:ss.fff).")]
    public string FilterDateFormat { get; set; } = "yyyy-MM-ddTHH:mm:ss.fff";
}
