namespace Payments.Domain.Refunds;

/// <summary>What a report of a refund (a Stripe event about it) changes, given the last report the flow acted on.</summary>
public enum RefundReportEffect
{
    /// <summary>Older than the last report (events arrive out of order): changes nothing.</summary>
    Older,
    /// <summary>The same status again (a redelivery, or <c>charge.refunded</c> listing a refund already reported): changes nothing.</summary>
    Repeat,
    /// <summary>A newer status that changes no booking (<c>pending</c> → <c>succeeded</c>): recorded.</summary>
    Update,
    /// <summary>A refund that moved money now does not (<c>failed</c>, <c>canceled</c>): what was booked for it is reversed.</summary>
    Failure,
}

/// <summary>
/// Orders the reports of one refund. Stripe does not deliver events in order, so each report is weighed by its event's <c>created</c>
/// (<c>ReportedAt</c>); Stripe's times are whole seconds, so two reports of one second are ordered by the refund's life
/// (<c>pending</c>/<c>requires_action</c>, then <c>succeeded</c>, then <c>failed</c>/<c>canceled</c>: https://docs.stripe.com/refunds#refund-states).
/// </summary>
public static class RefundReports
{
    public static RefundReportEffect Classify(StripeRefundStatus lastStatus, DateTimeOffset lastReportedAt, StripeRefundStatus status, DateTimeOffset reportedAt)
    {
        if (status == lastStatus) return RefundReportEffect.Repeat;
        var newer = reportedAt > lastReportedAt || (reportedAt == lastReportedAt && Stage(status) > Stage(lastStatus));
        if (!newer) return RefundReportEffect.Older;
        return lastStatus.MovesMoney() && !status.MovesMoney() ? RefundReportEffect.Failure : RefundReportEffect.Update;
    }

    static int Stage(StripeRefundStatus status) => status switch
    {
        StripeRefundStatus.Pending or StripeRefundStatus.RequiresAction => 0,
        StripeRefundStatus.Succeeded => 1,
        _ => 2,
    };
}
