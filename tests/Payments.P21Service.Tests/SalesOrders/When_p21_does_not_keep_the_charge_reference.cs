using Payments.ServiceDefaults.Failures;
using Payments.Simulators.P21.Store;

namespace Payments.P21Service.Tests.SalesOrders;

/// <summary>
/// P21 accepts <c>web_reference_no</c> on the order and passes the set, yet keeps the column empty (docs/external-apis/p21.md#order-reference).
/// The look-up by charge id then never finds the order, so every redelivery would post another: the first read-back must stop that.
/// </summary>
[TestFixture]
public class When_p21_does_not_keep_the_charge_reference
{
    P21Harness _harness = null!;

    [OneTimeSetUp]
    public async Task Start() => _harness = await P21Harness.StartAsync(simulator => simulator.WebReferenceNoStored = false);

    [OneTimeTearDown]
    public async Task Stop() => await _harness.DisposeAsync();

    [Test]
    public async Task Should_not_post_a_redelivered_payment_twice_and_say_which_setting_to_change()
    {
        var payment = P21Harness.Payment(P21Seed.AcmeEmail);
        var ordersBefore = _harness.Simulator.Store.Orders.Count;

        await _harness.PostAsync(payment);
        var redelivery = Assert.CatchAsync(() => _harness.PostAsync(payment))!;

        Assert.Multiple(() =>
        {
            Assert.That(_harness.Simulator.Store.Orders.Count - ordersBefore, Is.EqualTo(1), "one order for one charge");
            Assert.That(redelivery, Is.InstanceOf<PermanentFailureException>(), redelivery.Message);
            Assert.That(redelivery.Message, Does.Contain("web_reference_no").And.Contain("P21:SalesOrders:OrderReferenceField"));
        });
    }
}
