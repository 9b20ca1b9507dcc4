using Payments.Contracts.Shared;
using Payments.Contracts.StripeRefund;
using Payments.ServiceDefaults.Failures;
using Payments.Simulators.Znode.Store;

namespace Payments.ZnodeService.Tests.StripeRefund;

/// <summary>
/// The stripe-refund flow's Znode steps against the simulator: a partial then a second refund (payment status PARTIALLY REFUNDED
/// then REFUNDED, one note per refund with its own amount, in JPY and KWD), a redelivery that changes nothing, a partial that
/// arrives after the full one, and a refund that failed later (status back, a note with Stripe's reason).
/// </summary>
[TestFixture]
public class When_recording_a_stripe_refund_in_znode
{
    ZnodeServiceHost _host = null!;

    [SetUp]
    public async Task Start() => _host = await ZnodeServiceHost.StartAsync();

    [TearDown]
    public async Task Stop() => await _host.DisposeAsync();

    ZnodeOrder PaidOrder(string currency, decimal total) => _host.Znode.PlaceOrder(new ZnodeOrderSpec
    {
        CurrencyCode = currency, PaymentStatus = "CAPTURED", Lines = [new() { Sku = "ABC-1", Quantity = 1, Price = total }],
    });

    ZnodeOrder Now(ZnodeOrder order) => _host.Znode.Store.FindOrder(order.OmsOrderId)!;

    string PaymentStatus(ZnodeOrder order) => _host.Znode.Store.PaymentName(Now(order).OmsPaymentStateId)!;

    static RecordZnodeRefund Record(ZnodeOrder order, string refundId, long amountMinor, string currency, string scope, string? returnNumber = null) => new()
    {
        CorrelationId = CorrelationKey.StripeRefund(refundId).ToGuid(), RefundId = refundId, OrderNumber = order.OrderNumber,
        AmountMinor = amountMinor, Currency = currency, Scope = scope, ZnodeReturnNumber = returnNumber,
    };

    [TestCase("JPY", 5000, 3000, 2000, "3,000 JPY", "2,000 JPY")]
    [TestCase("KWD", 50.000, 30_000, 20_000, "30 KWD", "20 KWD")]
    public async Task Should_show_each_refund_with_its_own_amount_and_the_status_it_leaves(string currency, decimal total, long first, long second,
        string firstText, string secondText)
    {
        var order = PaidOrder(currency, total);

        await _host.Harness.Bus.Publish(Record(order, "re_1", first, currency, "Partial", "ROMA-1"));
        await _host.ReceivedAsync<ZnodeRefundRecorded>();
        var afterFirst = PaymentStatus(order);
        await _host.Harness.Bus.Publish(Record(order, "re_2", second, currency, "Full"));
        await _host.ReceivedAsync<ZnodeRefundRecorded>(2);
        await _host.Harness.Bus.Publish(Record(order, "re_2", second, currency, "Full")); // redelivered: another message id
        var recorded = await _host.ReceivedAsync<ZnodeRefundRecorded>(3);

        var notes = Now(order).History.Select(h => h.Message!).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(afterFirst, Is.EqualTo("Partially Refunded"));
            Assert.That(PaymentStatus(order), Is.EqualTo("Refunded"));
            Assert.That(recorded.Select(r => (r.RefundId, r.PaymentStatus)), Is.EqualTo(new[] { ("re_1", "PARTIALLY REFUNDED"), ("re_2", "REFUNDED"), ("re_2", "REFUNDED") }));
            Assert.That(notes, Has.Count.EqualTo(2), "one note per refund, none for the redelivery");
            Assert.That(notes[0], Does.Contain($"Refunded by Stripe: {firstText} (partial refund re_1, return ROMA-1)"));
            Assert.That(notes[1], Does.Contain($"Refunded by Stripe: {secondText} (full refund re_2)"));
            Assert.That(Now(order).History.Select(h => h.TransactionId), Is.EqualTo(new[] { "re_1", "re_2" }));
            Assert.That(_host.Znode.Store.ChangesOf(order.OrderNumber).Count(c => c.Kind == ZnodeChangeKinds.PaymentStatus), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task Should_not_lower_a_refunded_order_for_a_partial_refund_that_arrives_late()
    {
        var order = PaidOrder("USD", 50m);

        await _host.Harness.Bus.Publish(Record(order, "re_full", 5000, "USD", "Full"));
        await _host.ReceivedAsync<ZnodeRefundRecorded>();
        await _host.Harness.Bus.Publish(Record(order, "re_part", 1000, "USD", "Partial"));
        var recorded = await _host.ReceivedAsync<ZnodeRefundRecorded>(2);

        Assert.Multiple(() =>
        {
            Assert.That(PaymentStatus(order), Is.EqualTo("Refunded"));
            Assert.That(recorded.Last().PaymentStatus, Is.EqualTo("REFUNDED"));
            Assert.That(Now(order).History.Select(h => h.Message), Has.One.Contains("10 USD (partial refund re_part)"));
        });
    }

    [Test]
    public async Task Should_set_the_status_back_with_the_reason_when_a_refund_fails_later()
    {
        var order = PaidOrder("USD", 50m);
        await _host.Harness.Bus.Publish(Record(order, "re_1", 3000, "USD", "Partial"));
        await _host.Harness.Bus.Publish(Record(order, "re_2", 2000, "USD", "Full"));
        await _host.ReceivedAsync<ZnodeRefundRecorded>(2);

        var reverse = new ReverseZnodeRefund
        {
            CorrelationId = CorrelationKey.StripeRefund("re_2").ToGuid(), RefundId = "re_2", OrderNumber = order.OrderNumber,
            AmountMinor = 2000, Currency = "USD", PaymentStatus = "PARTIALLY REFUNDED", Reason = "expired_or_canceled_card",
        };
        await _host.Harness.Bus.Publish(reverse);
        await _host.ReceivedAsync<ZnodeRefundReversed>();
        var afterFirstReversal = PaymentStatus(order);
        await _host.Harness.Bus.Publish(reverse); // redelivered
        await _host.Harness.Bus.Publish(reverse with { CorrelationId = CorrelationKey.StripeRefund("re_1").ToGuid(), RefundId = "re_1", AmountMinor = 3000, PaymentStatus = "CAPTURED", Reason = "lost_or_stolen_card" });
        var reversed = await _host.ReceivedAsync<ZnodeRefundReversed>(3);

        var notes = Now(order).History.Select(h => h.Message!).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(afterFirstReversal, Is.EqualTo("Partially Refunded"), "the other refund still stands");
            Assert.That(PaymentStatus(order), Is.EqualTo("Captured"));
            Assert.That(reversed.Select(r => r.PaymentStatus), Is.EqualTo(new[] { "PARTIALLY REFUNDED", "PARTIALLY REFUNDED", "CAPTURED" }));
            Assert.That(notes.Count(n => n.Contains("Refund re_2 of 20 USD failed in Stripe and is reversed: expired_or_canceled_card")), Is.EqualTo(1));
            Assert.That(notes, Has.One.Contains("Refund re_1 of 30 USD failed in Stripe and is reversed: lost_or_stolen_card. Payment status CAPTURED."));
        });
    }

    [Test]
    public async Task Should_refuse_a_scope_that_is_neither_full_nor_partial_and_change_nothing()
    {
        var order = PaidOrder("USD", 50m);

        await _host.Harness.Bus.Publish(Record(order, "re_1", 1000, "USD", "Half"));

        Assert.That(await _host.FaultedAsync<RecordZnodeRefund>(), Is.True);
        var fault = _host.FaultOf<RecordZnodeRefund>();
        Assert.Multiple(() =>
        {
            Assert.That(fault.Exceptions.Single().ExceptionType, Is.EqualTo(typeof(PermanentFailureException).FullName));
            Assert.That(fault.Exceptions.Single().Message, Does.Contain("scope 'Half'"));
            Assert.That(PaymentStatus(order), Is.EqualTo("Captured"));
            Assert.That(Now(order).History, Is.Empty);
        });
    }
}
