using MassTransit.Testing;
using Payments.Contracts.Shared;
using Payments.Contracts.StripeRefund;
using Payments.Simulators.Stripe;

namespace Payments.StripeService.Tests.StripeRefund;

[TestFixture]
public class When_describing_a_refunded_charge
{
    StripeServiceHost _service = null!;

    [SetUp]
    public async Task Start() => _service = await StripeServiceHost.StartAsync(settings => settings["Stripe:PaymentIntents:OrderNumberMetadataKey"] = "shop_order");

    [TearDown]
    public async Task Stop() => await _service.DisposeAsync();

    [Test]
    public async Task Should_read_the_charges_refunds_and_the_documents_other_flows_left_on_it()
    {
        var chargeId = _service.Stripe.CreateCharge(new ChargeSpec
        {
            Amount = 10_000, Currency = "usd", CustomerId = "cus_9",
            Metadata = new Dictionary<string, string> { [StripeMetadataKeys.P21OrderNo] = "1000123", [StripeMetadataKeys.P21CustomerId] = "10042", ["shop_order"] = "MA-1" },
        });
        var first = _service.Stripe.Account.CreateRefund(chargeId, null, 3000);
        var second = _service.Stripe.Account.CreateRefund(chargeId, null, 2000);
        var command = new DescribeRefundedCharge { CorrelationId = CorrelationKey.StripeRefund((string)second["id"]!).ToGuid(), RefundId = (string)second["id"]!, ChargeId = chargeId };

        await _service.Harness.Bus.Publish(command);

        Assert.That(await _service.ConsumedAsync<RefundedChargeDescribed>(), Is.True);
        var described = _service.Harness.Consumed.Select<RefundedChargeDescribed>().Single().Context.Message;
        var facts = described.Charge;
        Assert.Multiple(() =>
        {
            Assert.That((described.CorrelationId, described.RefundId), Is.EqualTo((command.CorrelationId, command.RefundId)));
            Assert.That((facts.ChargeId, facts.AmountMinor, facts.Currency, facts.Status, facts.AmountRefundedMinor), Is.EqualTo((chargeId, 10_000L, "USD", "succeeded", 5000L)));
            Assert.That(facts.Refunds.Select(r => (r.RefundId, r.AmountMinor, r.Status)),
                Is.EquivalentTo(new[] { ((string)first["id"]!, 3000L, "succeeded"), ((string)second["id"]!, 2000L, "succeeded") }), "each refund's own amount");
            Assert.That((facts.P21OrderNo, facts.P21CustomerId, facts.ZnodeOrderNumber, facts.StripeCustomerId), Is.EqualTo(("1000123", "10042", "MA-1", "cus_9")));
            Assert.That(facts.Disputed, Is.False);
        });
    }

    [Test]
    public async Task Should_name_no_document_when_the_charge_carries_none_yet()
    {
        var chargeId = _service.Stripe.CreateCharge(new ChargeSpec { Amount = 5000, Currency = "jpy" });
        var refund = _service.Stripe.Account.CreateRefund(chargeId, null, 1200);

        await _service.Harness.Bus.Publish(new DescribeRefundedCharge { CorrelationId = Guid.NewGuid(), RefundId = (string)refund["id"]!, ChargeId = chargeId });

        Assert.That(await _service.ConsumedAsync<RefundedChargeDescribed>(), Is.True);
        var facts = _service.Harness.Consumed.Select<RefundedChargeDescribed>().Single().Context.Message.Charge;
        Assert.That((facts.P21OrderNo, facts.ZnodeOrderNumber, facts.AmountMinor, facts.Currency, facts.Refunds.Single().AmountMinor),
            Is.EqualTo(((string?)null, (string?)null, 5000L, "JPY", 1200L)));
    }
}
