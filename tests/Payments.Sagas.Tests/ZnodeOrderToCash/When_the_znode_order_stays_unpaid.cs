using MassTransit;
using MassTransit.Testing;
using Payments.Contracts.ZnodeOrderToCash;
using Payments.Sagas.ZnodeOrderToCash;

namespace Payments.Sagas.Tests.ZnodeOrderToCash;

public class When_the_znode_order_stays_unpaid : ZnodeOrderSpec
{
    [SetUp]
    public void ShortDeadlines()
    {
        // The options object is the one the machine reads at each event.
        Options.RemindAfter = TimeSpan.FromMilliseconds(500);
        Options.UnpaidAfterReminder = TimeSpan.FromMilliseconds(500);
        // Delayed delivery on a busy 2-core machine can take seconds.
        Harness.TestTimeout = TimeSpan.FromSeconds(30);
    }

    [Test]
    public async Task Should_remind_the_shopper_and_then_cancel_the_order()
    {
        var order = await PlaceAndAwaitPayment();

        Assert.That(await Harness.Consumed.Any<RemindZnodeOrderPayment>(), Is.True);
        var saga = await WaitForState(order.CorrelationId, Machine.Canceled);
        var reminder = Harness.Published.Select<RemindZnodeOrderPayment>().Single().Context.Message;
        var cancel = Harness.Published.Select<CancelUnpaidZnodeOrder>().Single().Context.Message;
        Assert.Multiple(() =>
        {
            Assert.That((reminder.ShopperEmail, reminder.AmountMinor, reminder.Currency), Is.EqualTo(("pat@shop.example", 12_999L, "USD")));
            Assert.That((cancel.OmsOrderId, cancel.PaymentIntentId), Is.EqualTo((5001L, "pi_ZN-1001")));
            Assert.That(saga.RemindedAt, Is.Not.Null);
            Assert.That((saga.ZnodeOrderStateName, saga.CanceledAt), Is.EqualTo(("CANCELED", (DateTime?)Clock.GetUtcNow().UtcDateTime)));
        });
    }

    [Test]
    public async Task Should_keep_the_order_open_after_the_reminder_when_configured_so_and_still_take_the_payment()
    {
        Options.UnpaidOrder = UnpaidOrderHandling.Keep;
        var order = await PlaceAndAwaitPayment();
        Assert.That(await Harness.Consumed.Any<ZnodeOrderPaymentOverdue>(x => x.Context.Message.Notice == 2), Is.True);
        await Settled();
        Assert.That(Saga.Sagas.Contains(order.CorrelationId).CurrentState, Is.EqualTo(Machine.AwaitingPayment.Name));

        await Harness.Bus.Publish(PaymentSucceeded(order));

        await WaitForState(order.CorrelationId, Machine.Final);
        Assert.That(Harness.Published.Select<CancelUnpaidZnodeOrder>().Any(), Is.False);
        Assert.That(Harness.Published.Select<RemindZnodeOrderPayment>().Count(), Is.EqualTo(1));
    }

    [Test]
    public async Task Should_neither_remind_nor_cancel_once_the_order_is_paid()
    {
        // Long enough for the payment to come first on a loaded machine (with 500 ms a CI run's payment once came after the
        // reminder was due, and the reminder was rightly sent); the wait below then goes well past when it would have been due.
        Options.RemindAfter = TimeSpan.FromSeconds(3);
        var order = OrderPlaced();
        await Harness.Bus.Publish(order);
        await WaitForState(order.CorrelationId, Machine.AwaitingPayment);
        await Harness.Bus.Publish(PaymentSucceeded(order));
        await WaitForState(order.CorrelationId, Machine.Final);

        await Task.Delay(Options.RemindAfter * 2);
        await Settled();

        Assert.That(Harness.Published.Select<RemindZnodeOrderPayment>().Any(), Is.False);
        Assert.That(Harness.Published.Select<CancelUnpaidZnodeOrder>().Any(), Is.False);
    }
}
