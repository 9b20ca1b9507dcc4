using MassTransit;
using MassTransit.Testing;
using Payments.Contracts.Shared;
using Payments.Contracts.ZnodeReturn;
using Payments.ServiceDefaults.Failures;
using Payments.Simulators.Stripe;

namespace Payments.StripeService.Tests.ZnodeReturn;

[TestFixture]
public class When_refunding_a_Znode_return
{
    const string OrderNumber = "MA-261130-100000-RET";
    StripeServiceHost _service = null!;

    [SetUp]
    public async Task Start() => _service = await StripeServiceHost.StartAsync();

    [TearDown]
    public async Task Stop() => await _service.DisposeAsync();

    string Charge(long amount = 10_000, string currency = "usd") => _service.Stripe.CreateCharge(new ChargeSpec
    {
        Amount = amount, Currency = currency, Metadata = new Dictionary<string, string> { [StripeMetadataKeys.ZnodeOrderNumber] = OrderNumber },
    });

    static RefundZnodeReturn Command(string returnNumber, string? chargeId, long amount, string currency = "USD") => new()
    {
        CorrelationId = CorrelationKey.ZnodeReturn(returnNumber).ToGuid(),
        ReturnNumber = returnNumber,
        OrderNumber = OrderNumber,
        ChargeId = chargeId,
        AmountMinor = amount,
        Currency = currency,
    };

    async Task<string> FaultMessageAsync()
    {
        Assert.That(await _service.PublishedAsync<Fault<RefundZnodeReturn>>(), Is.True);
        var fault = _service.Harness.Published.Select<Fault<RefundZnodeReturn>>().Single().Context.Message.Exceptions.Single();
        Assert.That(fault.ExceptionType, Is.EqualTo(typeof(PermanentFailureException).FullName));
        return fault.Message;
    }

    [TestCase("usd", 10_000L, 3_000L)]
    [TestCase("jpy", 8_000L, 2_500L)]
    [TestCase("kwd", 25_000L, 12_340L)]
    public async Task Should_refund_the_approved_amount_with_the_return_in_metadata_and_key(string currency, long charged, long approved)
    {
        var chargeId = Charge(charged, currency);
        var command = Command("RMA-100", chargeId, approved, currency.ToUpperInvariant());

        await _service.Harness.Bus.Publish(command);

        Assert.That(await _service.ConsumedAsync<ZnodeReturnRefunded>(), Is.True);
        var refunded = _service.Harness.Consumed.Select<ZnodeReturnRefunded>().Single().Context.Message;
        var refund = _service.Stripe.Account.List("refund").Single();
        var create = _service.Stripe.Requests.Single(r => r.Method == "POST" && r.Path == "/v1/refunds");
        Assert.Multiple(() =>
        {
            Assert.That((refunded.CorrelationId, refunded.ReturnNumber, refunded.ChargeId, refunded.RefundId), Is.EqualTo((command.CorrelationId, "RMA-100", chargeId, (string)refund["id"]!)));
            Assert.That((refunded.AmountMinor, refunded.Currency, refunded.Status), Is.EqualTo((approved, currency.ToUpperInvariant(), "succeeded")));
            Assert.That((long?)refund["amount"], Is.EqualTo(approved));
            Assert.That((string?)refund["metadata"]![StripeMetadataKeys.ZnodeReturnNumber], Is.EqualTo("RMA-100"));
            Assert.That((string?)refund["metadata"]![StripeMetadataKeys.ZnodeOrderNumber], Is.EqualTo(OrderNumber));
            Assert.That(create.IdempotencyKey, Is.EqualTo("znode-return:RMA-100"));
        });
    }

    [Test]
    public async Task Should_find_the_refund_of_a_redelivered_return_and_not_refund_twice()
    {
        var chargeId = Charge();

        await _service.Harness.Bus.Publish(Command("RMA-200", chargeId, 3000));
        Assert.That(await _service.ConsumedAsync<ZnodeReturnRefunded>(), Is.True);
        await _service.Harness.Bus.Publish(Command("RMA-200", chargeId, 3000));
        for (var i = 0; i < 300 && _service.Harness.Consumed.Select<ZnodeReturnRefunded>().Count() < 2; i++) await Task.Delay(100);

        Assert.That(_service.Stripe.Account.List("refund"), Has.Count.EqualTo(1));
        Assert.That(_service.Harness.Consumed.Select<ZnodeReturnRefunded>().Select(c => c.Context.Message.RefundId).Distinct().Count(), Is.EqualTo(1));
    }

    [Test]
    public async Task Should_fail_permanently_with_Stripes_message_when_more_than_the_unrefunded_amount_is_asked()
    {
        var chargeId = Charge(10_000);
        _service.Stripe.Account.CreateRefund(chargeId, null, 8000);

        await _service.Harness.Bus.Publish(Command("RMA-300", chargeId, 3000));

        Assert.That(await FaultMessageAsync(), Does.Contain("Refund amount ($30.00) is greater than unrefunded amount on charge ($20.00)"));
        Assert.That(_service.Stripe.Account.List("refund"), Has.Count.EqualTo(1), "nothing refunded");
    }

    [Test]
    public async Task Should_fail_permanently_with_Stripes_message_when_the_charge_is_already_refunded()
    {
        var chargeId = Charge(10_000);
        _service.Stripe.Account.CreateRefund(chargeId, null);

        await _service.Harness.Bus.Publish(Command("RMA-400", chargeId, 1000));

        Assert.That(await FaultMessageAsync(), Does.Contain("has already been refunded"));
    }

    [Test]
    public async Task Should_refuse_a_return_without_a_charge_or_in_another_currency()
    {
        var chargeId = Charge(10_000, "usd");

        await _service.Harness.Bus.Publish(Command("RMA-500", null, 1000));
        await _service.Harness.Bus.Publish(Command("RMA-600", chargeId, 1000, "EUR"));
        for (var i = 0; i < 300 && _service.Harness.Published.Select<Fault<RefundZnodeReturn>>().Count() < 2; i++) await Task.Delay(100);

        var messages = _service.Harness.Published.Select<Fault<RefundZnodeReturn>>().Select(f => f.Context.Message.Exceptions.Single().Message).ToList();
        Assert.That(messages, Has.One.Contains("names no Stripe charge"));
        Assert.That(messages, Has.One.Contains("is in EUR but charge"));
        Assert.That(_service.Stripe.Account.List("refund"), Is.Empty);
    }
}
