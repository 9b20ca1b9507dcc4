using System.Globalization;

namespace Payments.Simulators.Znode.Store;

/// <summary>
/// The state tables as data: order states (<c>ZnodeOmsOrderState</c>) and payment states (<c>ZnodeOmsPaymentState</c>). Names are
/// matched case-insensitively (SQL Server's default collation) and shown on reads in proper case (<c>Pending Approval</c>), as
/// Znode's order service does (docs/external-apis/znode.md#order-states). There is no "payment failed" order state: a failed
/// payment shows in the payment status.
/// </summary>
public sealed class ZnodeStates
{
    /// <summary>Znode's default order states (docs/external-apis/znode.md#order-states); 30 RETURNED is a line-item state.</summary>
    public static IReadOnlyList<ZnodeOrderStateOption> DefaultOrderStates =>
    [
        new() { Id = 10, Name = "SUBMITTED" },
        new() { Id = 20, Name = "SHIPPED" },
        new() { Id = 30, Name = "RETURNED", IsOrderState = false },
        new() { Id = 40, Name = "CANCELED" },
        new() { Id = 50, Name = "PENDING APPROVAL" },
        new() { Id = 60, Name = "APPROVED" },
        new() { Id = 80, Name = "IN REVIEW" },
        new() { Id = 200, Name = "EXPIRED" },
    ];

    /// <summary>
    /// The payment state names of Znode's code (<c>ZnodePaymentStatus</c>); the ids are ours, Znode's are not public
    /// (docs/external-apis/znode.md#payment-states).
    /// </summary>
    public static IReadOnlyList<ZnodePaymentStateOption> DefaultPaymentStates =>
    [
        new() { Id = 1, Name = "AUTHORIZED" },
        new() { Id = 2, Name = "CAPTURED" },
        new() { Id = 3, Name = "DECLINED" },
        new() { Id = 4, Name = "REFUNDED" },
        new() { Id = 5, Name = "VOIDED" },
        new() { Id = 6, Name = "PENDING" },
        new() { Id = 7, Name = "PENDINGFORREVIEW" },
        // Not in Znode's enum; an installation that shows partial refunds adds a row like it (docs/external-apis/znode.md#returns).
        new() { Id = 8, Name = "PARTIALLY REFUNDED" },
    ];

    public ZnodeStates(IReadOnlyList<ZnodeOrderStateOption>? orderStates, IReadOnlyList<ZnodePaymentStateOption>? paymentStates)
    {
        OrderStates = orderStates is { Count: > 0 } ? orderStates : DefaultOrderStates;
        PaymentStates = paymentStates is { Count: > 0 } ? paymentStates : DefaultPaymentStates;
    }

    public IReadOnlyList<ZnodeOrderStateOption> OrderStates { get; }
    public IReadOnlyList<ZnodePaymentStateOption> PaymentStates { get; }

    public ZnodeOrderStateOption? OrderState(int id) => OrderStates.FirstOrDefault(s => s.Id == id);

    /// <summary>By name, ignoring case; <c>CANCELLED</c> finds <c>CANCELED</c> (Znode renamed it; both spellings are in use).</summary>
    public ZnodeOrderStateOption? OrderState(string name) =>
        OrderStates.FirstOrDefault(s => Same(s.Name, name))
        ?? (Same(name, "CANCELLED") ? OrderStates.FirstOrDefault(s => Same(s.Name, "CANCELED")) : null);

    public ZnodePaymentStateOption? PaymentState(int? id) => id is null ? null : PaymentStates.FirstOrDefault(s => s.Id == id);

    public ZnodePaymentStateOption? PaymentState(string name) => PaymentStates.FirstOrDefault(s => Same(s.Name, name));

    /// <summary><c>PENDING APPROVAL</c> → <c>Pending Approval</c>: how Znode shows state names on reads.</summary>
    public static string ProperCase(string name) => CultureInfo.InvariantCulture.TextInfo.ToTitleCase(name.ToLowerInvariant());

    static bool Same(string a, string b) => string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);
}
