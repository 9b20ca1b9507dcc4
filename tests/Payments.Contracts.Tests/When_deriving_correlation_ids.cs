using Payments.Contracts.Shared;

namespace Payments.Contracts.Tests;

public class When_deriving_correlation_ids
{
    [Test]
    public void Should_not_collide_for_equal_keys_of_different_kinds()
    {
        var znode = new CorrelationKey(CorrelationKinds.ZnodeOrder, "12345").ToGuid();
        var p21 = new CorrelationKey(CorrelationKinds.P21Order, "12345").ToGuid();
        Assert.That(znode, Is.Not.EqualTo(p21));
    }

    [Test]
    public void Should_give_the_same_id_for_the_same_kind_and_key()
    {
        var key = "12345";
        var first = new CorrelationKey(CorrelationKinds.ZnodeOrder, key).ToGuid();
        var second = new CorrelationKey(CorrelationKinds.ZnodeOrder, new string(key.AsSpan())).ToGuid();
        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public void Should_keep_ids_stable_across_releases()
    {
        // Running sagas are found by these ids: a change of derivation would orphan them. (RFC 9562 UUID v5 of "stripe-payment:pi_123" in the project namespace, as Python's uuid.uuid5 computes it.)
        var id = CorrelationKey.StripePayment("pi_123", "ch_123").ToGuid();
        Assert.Multiple(() =>
        {
            Assert.That(id, Is.EqualTo(Guid.Parse("1d896e5f-cf3f-5846-9db2-88138af3f4aa")));
            Assert.That(id.Version, Is.EqualTo(5));
        });
    }

    [Test]
    public void Should_key_a_Stripe_payment_on_its_intent_else_its_charge()
    {
        Assert.Multiple(() =>
        {
            Assert.That(CorrelationKey.StripePayment("pi_1", "ch_1").ToString(), Is.EqualTo("stripe-payment:pi_1"));
            Assert.That(CorrelationKey.StripePayment(null, "ch_1").ToString(), Is.EqualTo("stripe-payment:ch_1"));
            Assert.That(CorrelationKey.StripePayment(" ", "ch_1").ToString(), Is.EqualTo("stripe-payment:ch_1"));
        });
    }

    [Test]
    public void Should_refuse_a_kind_that_would_make_keys_ambiguous()
    {
        // "a:b" + "c" and "a" + "b:c" would both read "a:b:c".
        Assert.Throws<ArgumentException>(() => _ = new CorrelationKey("a:b", "c"));
        Assert.Throws<ArgumentException>(() => _ = new CorrelationKey(" ", "c"));
        Assert.Throws<ArgumentException>(() => _ = new CorrelationKey("kind", ""));
    }
}
