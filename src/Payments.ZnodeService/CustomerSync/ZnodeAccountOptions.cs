using System.ComponentModel.DataAnnotations;
using Payments.Domain.Customers;

namespace Payments.ZnodeService.CustomerSync;

/// <summary>
/// <c>Znode:Accounts</c>: customer-sync's side of Znode. Znode 9.x announces no account change, so the account poller reads
/// <c>customeraccount/list</c> by modified date (lease and checkpoint as the order poller's) and reports the accounts linked to a
/// Stripe customer; <c>SyncZnodeAccount</c> writes the account and its default billing address.
/// </summary>
public sealed class ZnodeAccountOptions
{
    public const string Section = "Znode:Accounts";

    /// <summary>Run the account poller. Off: Znode account changes are not sent on (Stripe → Znode still works).</summary>
    public bool Enabled { get; set; } = true;

    [Range(typeof(TimeSpan), "00:00:00.1", "01:00:00", ErrorMessage = "{0} must be between 00:00:00.1 and 01:00:00.")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Each round reads again from this long before the checkpoint (late commits, clocks apart); a change seen twice is reported once.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ErrorMessage = "{0} must be between 00:00:00 and 1.00:00:00.")]
    public TimeSpan Overlap { get; set; } = TimeSpan.FromMinutes(5);

    [Range(1, 1000, ErrorMessage = "{0} must be between 1 and 1000.")]
    public int PageSize { get; set; } = 50;

    /// <summary>On the very first start (no checkpoint yet), how far back to read. Zero: only accounts changed from then on.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "3650.00:00:00", ErrorMessage = "{0} must be between 00:00:00 and 3650.00:00:00.")]
    public TimeSpan InitialLookback { get; set; } = TimeSpan.Zero;

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "{0} must be between 00:00:01 and 01:00:00.")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The list column the poller filters and sorts on (docs/external-apis/znode.md#accounts).</summary>
    [Required(ErrorMessage = "{0} is required (e.g. ModifiedDate).")]
    public string ModifiedDateColumn { get; set; } = "ModifiedDate";

    /// <summary>How a date is written in the filter (.NET format, on Znode's clock).</summary>
    [Required(ErrorMessage = "{0} is required (e.g. yyyy-MM-ddTHH:mm:ss.fff).")]
    public string FilterDateFormat { get; set; } = "yyyy-MM-ddTHH:mm:ss.fff";

    /// <summary>The store (portal) whose accounts are read: <c>useraccounts/{userId}/{portalId}</c>.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "{0} must be a Znode portal id (1 or more).")]
    public int PortalId { get; set; } = 1;

    /// <summary>The user <c>customeraccount/list/{loggedUserAccountId}</c> lists as: an admin sees every account. Not published which id an integration should send: docs/external-apis/znode.md#assumptions-not-confirmed.</summary>
    [Range(0, int.MaxValue, ErrorMessage = "{0} must be a Znode user id.")]
    public int ListAsUserId { get; set; } = 1;

    /// <summary>How the store writes <c>CountryName</c>: <c>Alpha2</c> (US), <c>Alpha3</c> (USA) or <c>Name</c> (United States). Reads accept any of them.</summary>
    public ZnodeCountryStyle CountryStyle { get; set; } = ZnodeCountryStyle.Alpha2;
}
