using MassTransit.Testing;
using Payments.Contracts.Shared;
using Payments.Contracts.StripeDispute;
using Payments.Simulators.Stripe;

namespace Payments.StripeService.Tests.StripeDispute;

[TestFixture]
public class When_describing_a_disputed_charge
{
    StripeServiceHost _service = null!;

    [SetUp]
    public async Task Start() => _service = await StripeServiceHost.StartAsync();

    [TearDown]
    public async Task Stop() => await _service.DisposeAsync();

    [Test]
    public async Task Should_read_the_disputed_charge_with_its_order_references()
    {
        var chargeId = _service.Stripe.Account.AddCharge(new ChargeSpec
        {
            Amount = 12_340, Currency = "kwd", Metadata = new Dictionary<string, string> { [StripeMetadataKeys.ZnodeOrderNumber] = "MA-77" },
        }, card: "createDispute");
        var dispute = _service.Stripe.Account.List("dispute").Single();
        var command = new DescribeDisputedCharge { CorrelationId = CorrelationKey.StripeDispute((string)dispute["id"]!).ToGuid(), DisputeId = (string)dispute["id"]!, ChargeId = chargeId };

        await _service.Harness.Bus.Publish(command);

        Assert.That(await _service.ConsumedAsync<DisputedChargeDescribed>(), Is.True);
        var described = _service.Harness.Consumed.Select<DisputedChargeDescribed>().Single().Context.Message;
        Assert.Multiple(() =>
        {
            Assert.That((described.CorrelationId, described.DisputeId), Is.EqualTo((command.CorrelationId, command.DisputeId)));
            Assert.That((described.Charge.Disputed, described.Charge.AmountMinor, described.Charge.Currency), Is.EqualTo((true, 12_340L, "KWD")));
            Assert.That((described.Charge.ZnodeOrderNumber, described.Charge.P21OrderNo), Is.EqualTo(("MA-77", (string?)null)));
        });
    }
}
