using Payments.Domain.Znode;

namespace Payments.Domain.Tests.ZnodeOrderToCash;

public class When_naming_Znode_statuses
{
    [Test]
    public void Should_write_CAPTURED_for_a_succeeded_payment_and_DECLINED_for_a_failed_attempt()
    {
        Assert.That(ZnodePaymentStatuses.ForStripeOutcome(succeeded: true), Is.EqualTo("CAPTURED"));
        Assert.That(ZnodePaymentStatuses.ForStripeOutcome(succeeded: false), Is.EqualTo("DECLINED"));
    }

    [Test]
    public void Should_compare_payment_statuses_as_Znode_does_without_case()
    {
        Assert.That(ZnodePaymentStatuses.Same("Captured", ZnodePaymentStatuses.Captured), Is.True);
        Assert.That(ZnodePaymentStatuses.Same(" declined", ZnodePaymentStatuses.Declined), Is.True);
        Assert.That(ZnodePaymentStatuses.Same("Captured", ZnodePaymentStatuses.Authorized), Is.False);
    }

    [TestCase("SUBMITTED", 10)]
    [TestCase("Shipped", 20)]
    [TestCase("CANCELED", 40)]
    [TestCase("Cancelled", 40)] // the spelling before Znode renamed the state
    [TestCase("Pending Approval", 50)]
    [TestCase("PENDING_APPROVAL", 50)]
    [TestCase("in review", 80)]
    [TestCase("EXPIRED", 200)]
    public void Should_find_a_default_order_state_by_any_spelling_Znode_uses(string name, int id) =>
        Assert.That(ZnodeOrderStates.Find(name)?.Id, Is.EqualTo(id));

    [TestCase("PAYMENT FAILED")] // not an order state: a decline shows in the payment status
    [TestCase("PENDING")]
    [TestCase("")]
    [TestCase(null)]
    public void Should_not_invent_an_order_state(string? name) =>
        Assert.That(ZnodeOrderStates.Find(name), Is.Null);

    [Test]
    public void Should_hold_each_default_state_once() =>
        Assert.That(ZnodeOrderStates.All.Select(s => s.Id), Is.Unique);
}
