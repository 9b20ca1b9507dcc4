using Payments.Domain.Refunds;

namespace Payments.Domain.Tests.Refunds;

public class When_ordering_refund_reports
{
    static readonly DateTimeOffset T0 = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);

    [TestCase(StripeRefundStatus.Pending, StripeRefundStatus.Succeeded, 60, RefundReportEffect.Update)]
    [TestCase(StripeRefundStatus.Succeeded, StripeRefundStatus.Failed, 60, RefundReportEffect.Failure)]
    [TestCase(StripeRefundStatus.Pending, StripeRefundStatus.Canceled, 60, RefundReportEffect.Failure)]
    [TestCase(StripeRefundStatus.RequiresAction, StripeRefundStatus.Canceled, 60, RefundReportEffect.Failure)]
    [TestCase(StripeRefundStatus.Failed, StripeRefundStatus.Canceled, 60, RefundReportEffect.Update)]
    [TestCase(StripeRefundStatus.Succeeded, StripeRefundStatus.Pending, -60, RefundReportEffect.Older)]
    [TestCase(StripeRefundStatus.Failed, StripeRefundStatus.Succeeded, -60, RefundReportEffect.Older)]
    [TestCase(StripeRefundStatus.Succeeded, StripeRefundStatus.Succeeded, 60, RefundReportEffect.Repeat)]
    [TestCase(StripeRefundStatus.Succeeded, StripeRefundStatus.Succeeded, -60, RefundReportEffect.Repeat)]
    public void Should_weigh_a_report_by_its_time(StripeRefundStatus last, StripeRefundStatus status, int secondsLater, RefundReportEffect expected)
    {
        Assert.That(RefundReports.Classify(last, T0, status, T0.AddSeconds(secondsLater)), Is.EqualTo(expected));
    }

    [TestCase(StripeRefundStatus.Pending, StripeRefundStatus.Succeeded, RefundReportEffect.Update)]
    [TestCase(StripeRefundStatus.Succeeded, StripeRefundStatus.Pending, RefundReportEffect.Older)]
    [TestCase(StripeRefundStatus.Succeeded, StripeRefundStatus.Failed, RefundReportEffect.Failure)]
    [TestCase(StripeRefundStatus.Failed, StripeRefundStatus.Succeeded, RefundReportEffect.Older)]
    public void Should_order_two_reports_of_one_second_by_the_refunds_life(StripeRefundStatus last, StripeRefundStatus status, RefundReportEffect expected)
    {
        Assert.That(RefundReports.Classify(last, T0, status, T0), Is.EqualTo(expected));
    }
}
