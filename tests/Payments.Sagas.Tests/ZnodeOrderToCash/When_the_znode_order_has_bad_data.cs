using MassTransit;
using MassTransit.Testing;
using Payments.Contracts.Shared;
using Payments.Contracts.ZnodeOrderToCash;

namespace Payments.Sagas.Tests.ZnodeOrderToCash;

public class When_the_znode_order_has_bad_data : ZnodeOrderSpec
{
    static IEnumerable<TestCaseData> BadOrders()
    {
        yield return new TestCaseData(OrderPlaced("ZN-NOMAIL", email: null), "no shopper e-mail").SetName("Should_quarantine_an_order_without_e_mail");
        yield return new TestCaseData(OrderPlaced("ZN-XYZ", currency: "XYZ"), "XYZ").SetName("Should_quarantine_an_order_in_an_unknown_currency");
        yield return new TestCaseData(OrderPlaced("ZN-ZERO", total: 0m), "0").SetName("Should_quarantine_an_order_with_a_zero_total");
    }

    [TestCaseSource(nameof(BadOrders))]
    public async Task Should_quarantine_it_with_the_reason_and_never_go_further(ZnodeOrderPlaced order, string reason)
    {
        await Harness.Bus.Publish(order);

        var saga = await WaitForState(order.CorrelationId, Machine.Failed);
        Assert.That(await Harness.Published.Any<Fault<CreateZnodeOrderPaymentIntent>>(), Is.True, "the command is in the fault queue");
        var fault = Harness.Published.Select<Fault<CreateZnodeOrderPaymentIntent>>().Single().Context.Message;
        var failed = Harness.Published.Select<FlowFailed>().Single().Context.Message;
        Assert.Multiple(() =>
        {
            Assert.That(saga.FailedStep, Is.EqualTo(nameof(CreateZnodeOrderPaymentIntent)));
            Assert.That(saga.FailureReason, Does.Contain($"Znode order {order.OrderNumber} was not sent to Stripe").And.Contain(reason));
            Assert.That(fault.Exceptions.Single().Message, Does.Contain(reason));
            Assert.That((failed.Flow, failed.Step), Is.EqualTo((FlowNames.ZnodeOrderToCash, nameof(CreateZnodeOrderPaymentIntent))));
            Assert.That(saga.PaymentIntentId, Is.Null);
            Assert.That(Harness.Published.Select<ZnodeOrderPaymentIntentCreated>().Any(), Is.False);
            Assert.That(Harness.Published.Select<OfferZnodeOrderPayment>().Any(), Is.False);
        });
    }
}
