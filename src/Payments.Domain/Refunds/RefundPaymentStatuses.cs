using Payments.Domain.Znode;

namespace Payments.Domain.Refunds;

/// <summary>The Znode payment status a charge's refunds leave on its order (names as <see cref="ZnodePaymentStatuses"/> writes them).</summary>
public static class RefundPaymentStatuses
{
    /// <summary>Znode's status for an order some, not all, of whose payment went back.</summary>
    public const string PartiallyRefunded = "PARTIALLY REFUNDED";

    /// <summary>After a refund is booked: <c>REFUNDED</c> when the charge's refunds empty it, else <c>PARTIALLY REFUNDED</c>.</summary>
    public static string AfterRefund(RefundScope scope) => scope == RefundScope.Full ? ZnodePaymentStatuses.Refunded : PartiallyRefunded;

    /// <summary>After a booked refund failed: <c>PARTIALLY REFUNDED</c> while other refunds of the charge still move money, else <c>CAPTURED</c> again.</summary>
    public static string AfterReversal(long otherRefundsMinor) => otherRefundsMinor > 0 ? PartiallyRefunded : ZnodePaymentStatuses.Captured;
}
