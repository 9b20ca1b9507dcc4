using Payments.Contracts.CustomerSync;

namespace Payments.Sagas.Tests.CustomerSync;

public class When_a_field_is_owned_by_another_system : CustomerSpec
{
    [Test]
    public async Task Should_not_write_a_P21_owned_field_that_Stripe_changed()
    {
        await PublishInTurn(Created());
        var before = (Sent<SyncP21Customer>().Count, Sent<SyncZnodeAccount>().Count);

        await PublishInTurn(Reported(10, new Dictionary<string, string?>(Acme()) { [CustomerFieldNames.CreditTerms] = "NET10" }, changed: [CustomerFieldNames.CreditTerms]));

        Assert.Multiple(() =>
        {
            Assert.That((Sent<SyncP21Customer>().Count, Sent<SyncZnodeAccount>().Count), Is.EqualTo(before), "nothing to write");
            Assert.That((Applied()[CustomerFieldNames.CreditTerms], SourceOf(CustomerFieldNames.CreditTerms)), Is.EqualTo(("NET30", "P21")));
            Assert.That(Current.LastDecisions, Does.Contain("\"Kind\":\"NotOwned\"").And.Contain("P21 owns the credit terms"));
        });
    }

    [Test]
    public async Task Should_follow_the_configured_ownership()
    {
        // The phone is P21's here: Stripe's phone is remembered, not applied; P21's comes back with its answer.
        Options.Ownership["Phone"] = "P21";
        await PublishInTurn(Created());

        await PublishInTurn(Reported(10, new Dictionary<string, string?>(Acme()) { [CustomerFieldNames.Phone] = "+1 614 555 0199" }, changed: [CustomerFieldNames.Phone]));

        Assert.Multiple(() =>
        {
            Assert.That(Sent<SyncP21Customer>().Select(c => c.Fields.ContainsKey(CustomerFieldNames.Phone)), Has.None.True);
            Assert.That(Applied().ContainsKey(CustomerFieldNames.Phone), Is.False);
        });
    }

    [Test]
    public async Task Should_write_a_Znode_address_change_to_Stripe_and_P21_with_an_idempotency_key()
    {
        await PublishInTurn(Created());

        await PublishInTurn(ZnodeReport(30, new Dictionary<string, string?>(Acme(city: "Dublin")) { [CustomerFieldNames.DefaultPaymentMethod] = null }));

        var stripe = Sent<UpdateStripeCustomer>().Single();
        var p21 = Sent<SyncP21Customer>()[^1];
        Assert.Multiple(() =>
        {
            Assert.That(stripe.Fields, Is.EqualTo(new Dictionary<string, string?> { [CustomerFieldNames.City] = "Dublin" }));
            Assert.That(stripe.IdempotencyKey, Is.EqualTo($"customer-sync:{CustomerId}:r{stripe.Revision}"));
            Assert.That(p21.Fields, Is.EqualTo(new Dictionary<string, string?> { [CustomerFieldNames.City] = "Dublin" }));
            Assert.That(new[] { stripe.Revision, p21.Revision }.Distinct().Count(), Is.EqualTo(2), "each command its own revision");
            Assert.That(SourceOf(CustomerFieldNames.City), Is.EqualTo("Znode"));
            // Znode may not clear the payment method: Stripe owns it.
            Assert.That(Applied()[CustomerFieldNames.DefaultPaymentMethod], Is.EqualTo("pm_card_visa"));
        });
    }
}
