using MassTransit;
using Payments.Contracts.Shared;
using Payments.Contracts.ZnodeOrderToCash;
using Payments.Simulators.Znode.Store;

namespace Payments.ZnodeService.Tests.ZnodeOrderToCash;

/// <summary>
/// The Znode service's consumers of the order-to-cash flow against the Znode simulator and an SMTP catcher: the payment offered
/// (note, mail with the link), captured (payment status, transaction id, note, order state), declined (status, note with Stripe's
/// code and message, mail) and then paid after all, reminded, and an unpaid order cancelled; redeliveries change nothing more.
/// </summary>
[TestFixture]
public class When_recording_the_payment_in_znode
{
    const string Shopper = "kim@example.com";
    ZnodeServiceHost _host = null!;
    ZnodeOrder _order = null!;

    [SetUp]
    public async Task Start()
    {
        _host = await ZnodeServiceHost.StartAsync(s => s["Znode:Orders:PaidOrderState"] = "APPROVED");
        _order = _host.Znode.PlaceOrder(new ZnodeOrderSpec { Email = Shopper, CurrencyCode = "USD", TaxCost = 13.25m });
    }

    [TearDown]
    public async Task Stop() => await _host.DisposeAsync();

    Guid Correlation => CorrelationKey.ZnodeOrder(_order.OrderNumber).ToGuid();

    ZnodeOrder Now => _host.Znode.Store.FindOrder(_order.OmsOrderId)!;

    string PaymentStatus => _host.Znode.Store.PaymentName(Now.OmsPaymentStateId)!;

    string OrderState => _host.Znode.Store.StateName(Now.OmsOrderStateId);

    Task Send<T>(T message) where T : class => _host.Harness.Bus.Publish(message);

    RecordZnodeOrderPayment Capture => new()
    {
        CorrelationId = Correlation, OrderNumber = _order.OrderNumber, OmsOrderId = _order.OmsOrderId,
        PaymentIntentId = "pi_123", ChargeId = "ch_123", AmountMinor = 11_325, Currency = "USD",
    };

    RecordZnodeOrderDecline Decline => new()
    {
        CorrelationId = Correlation, OrderNumber = _order.OrderNumber, OmsOrderId = _order.OmsOrderId,
        PaymentIntentId = "pi_123", DeclineCode = "insufficient_funds", FailureMessage = "Your card has insufficient funds.",
    };

    async Task OfferAsync()
    {
        await Send(new OfferZnodeOrderPayment
        {
            CorrelationId = Correlation, OrderNumber = _order.OrderNumber, OmsOrderId = _order.OmsOrderId,
            PaymentIntentId = "pi_123", ClientSecret = "pi_123_secret_abc", ShopperEmail = Shopper, AmountMinor = 11_325, Currency = "USD",
        });
        await _host.ReceivedAsync<ZnodeOrderPaymentOffered>();
    }

    [Test]
    public async Task Should_offer_the_payment_with_a_note_and_a_mail_carrying_the_link()
    {
        await OfferAsync();
        var offered = _host.Received<ZnodeOrderPaymentOffered>().Single();
        var mail = await _host.Mail.WaitForAsync(m => m.To.Contains(Shopper), TimeSpan.FromSeconds(10));

        Assert.Multiple(() =>
        {
            Assert.That(offered.WrittenToOrder, Is.True);
            Assert.That(offered.Emailed, Is.True);
            Assert.That(Now.History.Select(h => h.Message), Has.One.Contains("Payment requested through Stripe: 113.25 USD (PaymentIntent pi_123)"));
            Assert.That(Now.History.Single().Message, Does.Not.Contain("secret"), "the client secret stays out of Znode's admin");
            Assert.That(mail!.Subject, Is.EqualTo($"Payment for your order {_order.OrderNumber}"));
            Assert.That(mail.TextBody, Does.Contain($"https://shop.example/pay/{_order.OrderNumber}?pi=pi_123&secret=pi_123_secret_abc"));
            Assert.That(mail.TextBody, Does.Contain("113.25 USD"));
        });
    }

    [Test]
    public async Task Should_record_the_capture_once_even_when_the_command_comes_twice()
    {
        await Send(Capture);
        await _host.ReceivedAsync<ZnodeOrderPaymentRecorded>();
        await Send(Capture); // a redelivery after a lost acknowledgement: another message id
        var recorded = await _host.ReceivedAsync<ZnodeOrderPaymentRecorded>(2);

        Assert.Multiple(() =>
        {
            Assert.That(PaymentStatus, Is.EqualTo("Captured"));
            Assert.That(Now.TransactionId, Is.EqualTo("ch_123"));
            Assert.That(OrderState, Is.EqualTo("Approved"), "Znode:Orders:PaidOrderState");
            Assert.That(Now.History.Count(h => h.Message!.Contains("Payment captured by Stripe: 113.25 USD")), Is.EqualTo(1), "one note for two deliveries");
            Assert.That(_host.Znode.Store.ChangesOf(_order.OrderNumber).Count(c => c.Kind == ZnodeChangeKinds.PaymentStatus), Is.EqualTo(1));
            Assert.That(recorded.Select(r => (r.PaymentStatus, r.OrderState)), Is.All.EqualTo(("CAPTURED", "Approved")));
        });
    }

    [Test]
    public async Task Should_record_a_decline_tell_the_shopper_and_complete_normally_when_a_later_attempt_pays()
    {
        await OfferAsync();
        await Send(Decline);
        var declined = (await _host.ReceivedAsync<ZnodeOrderDeclineRecorded>()).Single();
        var statusAfterDecline = PaymentStatus;
        var stateAfterDecline = OrderState;
        var mail = await _host.Mail.WaitForAsync(m => m.Subject.Contains("declined"), TimeSpan.FromSeconds(10));

        await Send(Capture);
        await _host.ReceivedAsync<ZnodeOrderPaymentRecorded>();

        Assert.Multiple(() =>
        {
            Assert.That(declined.ShopperNotified, Is.True);
            Assert.That(statusAfterDecline, Is.EqualTo("Declined"));
            Assert.That(stateAfterDecline, Is.EqualTo("Submitted"), "no order state for a failed payment: it stays");
            Assert.That(Now.History.Select(h => h.Message), Has.One.Contains("Payment declined by Stripe: Your card has insufficient funds. (insufficient_funds)"));
            Assert.That(mail!.To, Is.EqualTo(new[] { Shopper }));
            Assert.That(mail.TextBody, Does.Contain("Your card has insufficient funds.").And.Contain("insufficient_funds"));
            Assert.That(mail.TextBody, Does.Contain("secret=pi_123_secret_abc"), "the link offered before, to try again");
            Assert.That(PaymentStatus, Is.EqualTo("Captured"), "the later attempt paid");
            Assert.That(OrderState, Is.EqualTo("Approved"));
        });
    }

    [Test]
    public async Task Should_not_let_a_late_decline_hide_a_capture()
    {
        await Send(Capture);
        await _host.ReceivedAsync<ZnodeOrderPaymentRecorded>();
        await Send(Decline);
        var declined = (await _host.ReceivedAsync<ZnodeOrderDeclineRecorded>()).Single();

        Assert.Multiple(() =>
        {
            Assert.That(PaymentStatus, Is.EqualTo("Captured"));
            Assert.That(declined.ShopperNotified, Is.False, "no decline mail for a paid order");
            Assert.That(_host.Mail.Mails, Is.Empty);
        });
    }

    [Test]
    public async Task Should_remind_the_shopper_with_the_offered_link_and_cancel_the_unpaid_order()
    {
        await OfferAsync();
        await Send(new RemindZnodeOrderPayment
        {
            CorrelationId = Correlation, OrderNumber = _order.OrderNumber, OmsOrderId = _order.OmsOrderId, AmountMinor = 11_325, Currency = "USD",
        });
        var reminded = (await _host.ReceivedAsync<ZnodeOrderPaymentReminded>()).Single();
        var reminder = await _host.Mail.WaitForAsync(m => m.Subject.StartsWith("Reminder", StringComparison.Ordinal), TimeSpan.FromSeconds(10));

        await Send(new CancelUnpaidZnodeOrder { CorrelationId = Correlation, OrderNumber = _order.OrderNumber, OmsOrderId = _order.OmsOrderId, PaymentIntentId = "pi_123" });
        var canceled = (await _host.ReceivedAsync<UnpaidZnodeOrderCanceled>()).Single();

        Assert.Multiple(() =>
        {
            Assert.That(reminded.Emailed, Is.True);
            Assert.That(reminder!.TextBody, Does.Contain("still awaiting payment of 113.25 USD").And.Contain("secret=pi_123_secret_abc"));
            Assert.That(Now.History.Select(h => h.Message), Has.One.Contains("Payment reminder e-mailed"));
            Assert.That(OrderState, Is.EqualTo("Canceled"));
            Assert.That(canceled.OrderState, Is.EqualTo("Canceled"));
            Assert.That(Now.History.Select(h => h.Message), Has.One.Contains("Canceled: not paid in time (PaymentIntent pi_123)"));
        });
    }

    [Test]
    public async Task Should_refuse_to_cancel_an_order_znode_shows_as_paid()
    {
        await Send(Capture);
        await _host.ReceivedAsync<ZnodeOrderPaymentRecorded>();

        await Send(new CancelUnpaidZnodeOrder { CorrelationId = Correlation, OrderNumber = _order.OrderNumber, OmsOrderId = _order.OmsOrderId, PaymentIntentId = "pi_123" });

        Assert.That(await _host.FaultedAsync<CancelUnpaidZnodeOrder>(), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(_host.FaultOf<CancelUnpaidZnodeOrder>().Exceptions.Single().Message, Does.Contain("must not cancel it"));
            Assert.That(OrderState, Is.EqualTo("Approved"));
        });
    }

    [Test]
    public async Task Should_queue_behind_znodes_429s_and_still_record_the_payment()
    {
        _host.Znode.Throttle.Start(permitLimit: 2, window: TimeSpan.FromSeconds(1));

        await Send(Capture);
        var recorded = await _host.ReceivedAsync<ZnodeOrderPaymentRecorded>();

        Assert.Multiple(() =>
        {
            Assert.That(recorded, Has.Count.EqualTo(1));
            Assert.That(_host.Znode.Throttle.Throttled, Is.GreaterThan(0), "Znode answered 429 along the way");
            Assert.That(_host.Harness.Published.Select<Fault<RecordZnodeOrderPayment>>().Any(), Is.False, "throttled, never faulted");
            Assert.That(PaymentStatus, Is.EqualTo("Captured"));
            Assert.That(Now.History.Count(h => h.Message!.Contains("Payment captured")), Is.EqualTo(1));
        });
    }
}
