namespace Payments.Domain.Znode;

/// <summary>
/// Znode's payment status names (<c>ZnodeOmsPaymentState.Name</c>), as written with <c>orders/updateorderpaymentstatus/{id}/{name}</c>.
/// Znode compares them without regard to case and reads them back camel-cased (<c>Captured</c>), so compare with <see cref="Same"/>.
/// </summary>
public static class ZnodePaymentStatuses
{
    public const string Authorized = "AUTHORIZED";
    public const string Captured = "CAPTURED";
    public const string Declined = "DECLINED";
    public const string Refunded = "REFUNDED";
    public const string Voided = "VOIDED";
    public const string Pending = "PENDING";
    public const string PendingForReview = "PENDINGFORREVIEW";

    public static IReadOnlyList<string> All { get; } = [Authorized, Captured, Declined, Refunded, Voided, Pending, PendingForReview];

    /// <summary>What a Stripe outcome writes to Znode: a succeeded payment is CAPTURED (automatic capture), a failed attempt DECLINED.</summary>
    public static string ForStripeOutcome(bool succeeded) => succeeded ? Captured : Declined;

    public static bool Same(string? a, string? b) => string.Equals(a?.Trim(), b?.Trim(), StringComparison.OrdinalIgnoreCase);
}

/// <summary>One of Znode's order states (<c>ZnodeOmsOrderState</c>): the id Znode updates by, and the name it is written with.</summary>
public sealed record ZnodeOrderState(int Id, string Name);

/// <summary>
/// Znode's default order states. An installation may add or rename states, so these are defaults for configuration, not a closed
/// list. There is no "payment failed" order state: a decline shows in the payment status. Reads show the states proper-cased
/// (<c>Pending Approval</c>) and older installations spell CANCELED with two Ls; <see cref="Find"/> takes all of those.
/// </summary>
public static class ZnodeOrderStates
{
    public static readonly ZnodeOrderState Submitted = new(10, "SUBMITTED");
    public static readonly ZnodeOrderState Shipped = new(20, "SHIPPED");
    public static readonly ZnodeOrderState Returned = new(30, "RETURNED");
    public static readonly ZnodeOrderState Canceled = new(40, "CANCELED");
    public static readonly ZnodeOrderState PendingApproval = new(50, "PENDING APPROVAL");
    public static readonly ZnodeOrderState Approved = new(60, "APPROVED");
    public static readonly ZnodeOrderState InReview = new(80, "IN REVIEW");
    public static readonly ZnodeOrderState Expired = new(200, "EXPIRED");

    public static IReadOnlyList<ZnodeOrderState> All { get; } = [Submitted, Shipped, Returned, Canceled, PendingApproval, Approved, InReview, Expired];

    /// <summary>The default state a name means (<c>SHIPPED</c>, <c>Shipped</c>, <c>pending_approval</c>, <c>Cancelled</c>), or null.</summary>
    public static ZnodeOrderState? Find(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return null;
        var key = Key(name);
        if (key == "CANCELLED") key = Key(Canceled.Name);
        return All.FirstOrDefault(s => Key(s.Name) == key);
    }

    static string Key(string name) => string.Concat(name.Where(char.IsLetter)).ToUpperInvariant();
}
