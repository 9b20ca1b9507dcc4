using MassTransit;
using Payments.Contracts.Shared;
using Payments.Contracts.StripeRefund;
using Payments.Contracts.ZnodeReturn;

namespace Payments.Sagas.Tests.StripeRefund;

public class When_a_refund_is_reported : RefundSpec
{
    [Test]
    public async Task Should_book_an_RMA_for_the_refunds_own_amount_against_the_charges_P21_order()
    {
        Charge(p21Order: "1045", refunds: Listed("re_1", 3000));
        var report = Reported();

        await Harness.Bus.Publish(report);

        var saga = await WaitForState(report.CorrelationId, Machine.Final);
        var post = Published<PostP21RefundReturn>().Single();
        var completed = Published<FlowCompleted>().Single();
        Assert.Multiple(() =>
        {
            Assert.That((post.RefundId, post.ChargeId, post.AmountMinor, post.Currency, post.Scope), Is.EqualTo(("re_1", "ch_r1", 3000L, "USD", "Partial")));
            Assert.That((post.P21OrderNo, post.P21CustomerId, post.ZnodeOrderNumber, post.RefundedAt), Is.EqualTo(("1045", "100198", (string?)null, T0)));
            Assert.That((saga.P21DocumentKind, saga.P21DocumentNumber, saga.BookedAmountMinor), Is.EqualTo(("rma", "RMA-re_1", (long?)3000)));
            Assert.That(Published<RecordZnodeRefund>(), Is.Empty, "a charge-to-order sale has no Znode order");
            Assert.That(completed.Documents, Is.EquivalentTo(new Dictionary<string, string>
            {
                [FlowDocumentKeys.StripeRefund] = "re_1", [FlowDocumentKeys.StripeCharge] = "ch_r1", [FlowDocumentKeys.P21Rma] = "RMA-re_1",
            }));
            Assert.That((completed.Flow, completed.Subject), Is.EqualTo((FlowNames.StripeRefund, "stripe-refund:re_1")));
            Assert.That(Published<ZnodeReturnRefundBooked>(), Is.Empty);
        });
    }

    [Test]
    public async Task Should_book_a_reversing_journal_and_the_Znode_payment_status_for_a_Znode_orders_charge()
    {
        Charge(p21Order: null, znodeOrder: "ZN-1001", refunds: Listed("re_1", 5000));
        var report = Reported(amount: 5000);

        await Harness.Bus.Publish(report);

        var saga = await WaitForState(report.CorrelationId, Machine.Final);
        var post = Published<PostP21RefundReturn>().Single();
        var record = Published<RecordZnodeRefund>().Single();
        Assert.Multiple(() =>
        {
            Assert.That((post.ZnodeOrderNumber, post.P21OrderNo, post.Scope), Is.EqualTo(("ZN-1001", (string?)null, "Full")));
            Assert.That((record.OrderNumber, record.AmountMinor, record.Currency, record.Scope), Is.EqualTo(("ZN-1001", 5000L, "USD", "Full")));
            Assert.That((saga.P21DocumentKind, saga.P21DocumentNumber, saga.ZnodePaymentStatus), Is.EqualTo(("journal", "JE-re_1", "REFUNDED")));
            Assert.That(Published<FlowCompleted>().Single().Documents, Is.EquivalentTo(new Dictionary<string, string>
            {
                [FlowDocumentKeys.StripeRefund] = "re_1", [FlowDocumentKeys.StripeCharge] = "ch_r1", [FlowDocumentKeys.P21Journal] = "JE-re_1",
                [FlowDocumentKeys.ZnodeOrder] = "ZN-1001",
            }));
        });
    }

    [Test]
    public async Task Should_tell_the_Znode_return_it_pays_that_it_is_booked()
    {
        Charge(p21Order: null, znodeOrder: "ZN-1001", refunds: Listed("re_1", 3000));
        var report = Reported(znodeReturn: "RMA-77");

        await Harness.Bus.Publish(report);

        await WaitForState(report.CorrelationId, Machine.Final);
        var booked = Published<ZnodeReturnRefundBooked>().Single();
        Assert.Multiple(() =>
        {
            Assert.That(booked.CorrelationId, Is.EqualTo(CorrelationKey.ZnodeReturn("RMA-77").ToGuid()));
            Assert.That((booked.ReturnNumber, booked.RefundId, booked.P21DocumentKind, booked.P21DocumentNumber), Is.EqualTo(("RMA-77", "re_1", "journal", "JE-re_1")));
            Assert.That(Published<RecordZnodeRefund>().Single().ZnodeReturnNumber, Is.EqualTo("RMA-77"));
        });
    }

    // JPY has no decimals (¥3,000 is 3000), KWD three (12.340 KWD is 12340): the minor units pass through untouched.
    [TestCase("JPY", 10_000, 3_000, "Partial")]
    [TestCase("JPY", 3_000, 3_000, "Full")]
    [TestCase("KWD", 20_000, 12_340, "Partial")]
    [TestCase("KWD", 12_340, 12_340, "Full")]
    public async Task Should_book_zero_and_three_decimal_amounts_as_they_are(string currency, long charge, long refund, string scope)
    {
        Charge(amount: charge, currency: currency, p21Order: null, znodeOrder: "ZN-1001", refunds: Listed("re_1", refund));
        var report = Reported(amount: refund, currency: currency);

        await Harness.Bus.Publish(report);

        await WaitForState(report.CorrelationId, Machine.Final);
        var post = Published<PostP21RefundReturn>().Single();
        var record = Published<RecordZnodeRefund>().Single();
        Assert.Multiple(() =>
        {
            Assert.That((post.AmountMinor, post.Currency, post.Scope), Is.EqualTo((refund, currency, scope)));
            Assert.That((record.AmountMinor, record.Currency), Is.EqualTo((refund, currency)));
        });
    }

    [Test]
    public async Task Should_stop_for_a_person_when_the_charges_refunds_exceed_it()
    {
        Charge(amount: 4000, refunds: [Listed("re_0", 2000), Listed("re_1", 3000)]);
        var report = Reported();

        await Harness.Bus.Publish(report);

        var saga = await WaitForState(report.CorrelationId, Machine.NeedsAttention);
        Assert.Multiple(() =>
        {
            Assert.That(saga.FailedStep, Is.EqualTo(nameof(RefundedChargeDescribed)));
            Assert.That(saga.FailureReason, Does.Contain("exceed its amount (4000)"));
            Assert.That(Published<PostP21RefundReturn>(), Is.Empty);
            Assert.That(Published<FlowFailed>().Single().Step, Is.EqualTo(nameof(RefundedChargeDescribed)));
        });
    }
}
