namespace Payments.Domain.Refunds;

/// <summary>Stripe's refund statuses that decide what is booked.</summary>
public enum StripeRefundStatus { Pending, RequiresAction, Succeeded, Failed, Canceled }

/// <summary>One refund of a charge as Stripe lists it: its own amount, never the charge's cumulative <c>amount_refunded</c>.</summary>
public sealed record StripeRefund(string RefundId, long AmountMinor, string Currency, StripeRefundStatus Status, DateTimeOffset Created)
{
    /// <summary>Stripe's status text (<c>pending</c>, <c>requires_action</c>, <c>succeeded</c>, <c>failed</c>, <c>canceled</c>).</summary>
    public static StripeRefundStatus ParseStatus(string? status) => status switch
    {
        "pending" => StripeRefundStatus.Pending,
        "requires_action" => StripeRefundStatus.RequiresAction,
        "succeeded" => StripeRefundStatus.Succeeded,
        "failed" => StripeRefundStatus.Failed,
        "canceled" => StripeRefundStatus.Canceled,
        _ => throw new ArgumentException($"'{status}' is not a Stripe refund status.", nameof(status)),
    };

    /// <summary>Money has left (or is leaving) the merchant: pending refunds are booked, as Stripe has already debited the balance.</summary>
    public bool MovesMoney => Status.MovesMoney();
}

public static class StripeRefundStatusExtensions
{
    /// <summary><c>pending</c>, <c>requires_action</c> and <c>succeeded</c> move money (Stripe has debited the balance); <c>failed</c> and <c>canceled</c> do not.</summary>
    public static bool MovesMoney(this StripeRefundStatus status) =>
        status is StripeRefundStatus.Pending or StripeRefundStatus.Succeeded or StripeRefundStatus.RequiresAction;
}
