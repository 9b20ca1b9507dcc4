using MassTransit;
using MassTransit.Testing;
using Payments.Contracts.Shared;
using Payments.Contracts.StripeRefund;
using Payments.Contracts.ZnodeReturn;

namespace Payments.Sagas.Tests.ZnodeReturn;

public class When_a_znode_return_is_approved : ZnodeReturnSpec
{
    [Test]
    public async Task Should_refund_it_in_Stripe_book_it_once_and_mark_it_refund_processed()
    {
        var approved = Approved();

        await Harness.Bus.Publish(approved);

        var saga = await WaitForState(approved.CorrelationId, Machine.Final);
        var refund = Published<RefundZnodeReturn>().Single();
        var complete = Published<CompleteZnodeReturn>().Single();
        var completed = Published<FlowCompleted>().Single(f => f.Flow == FlowNames.ZnodeReturn);
        Assert.Multiple(() =>
        {
            Assert.That((refund.ReturnNumber, refund.OrderNumber, refund.ChargeId, refund.AmountMinor, refund.Currency),
                Is.EqualTo(("RMA-77", "ZN-1001", "ch_zn_1", 3000L, "USD")));
            // The refund is booked by the stripe-refund flow, as every refund is: its own amount, once.
            Assert.That(Published<PostP21RefundReturn>().Select(p => (p.RefundId, p.AmountMinor)), Is.EqualTo(new[] { ("re_RMA-77", 3000L) }));
            Assert.That((complete.RefundId, complete.AmountMinor, complete.P21DocumentNumber), Is.EqualTo(("re_RMA-77", 3000L, "JE-re_RMA-77")));
            Assert.That((saga.RefundId, saga.P21DocumentKind, saga.CompletedReturnState), Is.EqualTo(("re_RMA-77", "journal", "REFUND PROCESSED")));
            Assert.That(completed.Documents, Is.EquivalentTo(new Dictionary<string, string>
            {
                [FlowDocumentKeys.ZnodeReturn] = "RMA-77", [FlowDocumentKeys.ZnodeOrder] = "ZN-1001", [FlowDocumentKeys.StripeRefund] = "re_RMA-77",
                [FlowDocumentKeys.StripeCharge] = "ch_zn_1", [FlowDocumentKeys.P21Journal] = "JE-re_RMA-77",
            }));
        });
    }

    [TestCase("JPY", 5000, 5000L)]
    [TestCase("KWD", 12.340, 12_340L)]
    [TestCase("KWD", 1.25, 1_250L)]
    [TestCase("USD", 30.000000, 3000L)]
    public async Task Should_refund_the_approved_amount_in_the_currencys_minor_units(string currency, decimal amount, long minor)
    {
        var approved = Approved(amount: amount, currency: currency, chargeAmount: 20_000);

        await Harness.Bus.Publish(approved);

        await WaitForState(approved.CorrelationId, Machine.Final);
        Assert.Multiple(() =>
        {
            Assert.That(Published<RefundZnodeReturn>().Single().AmountMinor, Is.EqualTo(minor));
            Assert.That(Published<PostP21RefundReturn>().Single().AmountMinor, Is.EqualTo(minor));
            Assert.That(Published<CompleteZnodeReturn>().Single().Currency, Is.EqualTo(currency));
        });
    }

    [TestCase("KWD", 12.345, "multiples of 10 minor units")]
    [TestCase("JPY", 10.5, "more than 0 decimal places")]
    [TestCase("USD", 0, "is not positive")]
    [TestCase("XYZ", 10, "Stripe does not accept payments in XYZ")]
    public async Task Should_refund_nothing_and_need_attention_for_an_amount_Stripe_cannot_take(string currency, decimal amount, string reason)
    {
        var approved = Approved(amount: amount, currency: currency);

        await Harness.Bus.Publish(approved);

        var saga = await WaitForState(approved.CorrelationId, Machine.NeedsAttention);
        Assert.Multiple(() =>
        {
            Assert.That(saga.FailedStep, Is.EqualTo(nameof(ZnodeReturnApproved)));
            Assert.That(saga.FailureReason, Does.Contain(reason));
            Assert.That(Published<RefundZnodeReturn>(), Is.Empty);
            Assert.That(Published<FlowFailed>().Single().Reason, Is.EqualTo(saga.FailureReason));
        });
    }

    [Test]
    public async Task Should_refund_once_when_Znode_delivers_the_approval_again()
    {
        var approved = Approved();
        await Harness.Bus.Publish(approved);
        await WaitForState(approved.CorrelationId, Machine.Final);

        await Harness.Bus.Publish(approved);
        await Harness.Bus.Publish(Approved(source: "webhook"));
        Assert.That(await Saga.Consumed.Any<ZnodeReturnApproved>(x => x.Context.Message.Source == "webhook"), Is.True);
        await Settled();

        Assert.Multiple(() =>
        {
            Assert.That(Published<RefundZnodeReturn>(), Has.Count.EqualTo(1));
            Assert.That(Published<CompleteZnodeReturn>(), Has.Count.EqualTo(1));
            Assert.That(Logs.AtLeast(Microsoft.Extensions.Logging.LogLevel.Warning), Is.Empty);
        });
    }
}
