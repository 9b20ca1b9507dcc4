using Microsoft.Extensions.Logging;
using Payments.Contracts.CustomerSync;
using Payments.Contracts.Shared;

namespace Payments.Sagas.Tests.CustomerSync;

public class When_a_Stripe_customer_is_reported : CustomerSpec
{
    [Test]
    public async Task Should_send_P21_and_Znode_every_field_they_keep_and_link_what_they_found()
    {
        await PublishInTurn(Created());

        var saga = await WaitForState(Machine.Active);
        var p21 = Sent<SyncP21Customer>().Single();
        var znode = Sent<SyncZnodeAccount>().Single();
        Assert.Multiple(() =>
        {
            Assert.That((p21.P21CustomerId, p21.CreateIfMissing, znode.ZnodeUserId), Is.EqualTo(((long?)null, true, (int?)null)));
            // Every field they keep: not the payment method, which only Stripe keeps.
            Assert.That(p21.Fields.Keys, Is.EquivalentTo(Acme().Keys.Where(k => k != CustomerFieldNames.DefaultPaymentMethod)));
            Assert.That(znode.Fields.Keys, Is.EquivalentTo(p21.Fields.Keys));
            Assert.That(p21.Record[CustomerFieldNames.DefaultPaymentMethod], Is.EqualTo("pm_card_visa"));
            Assert.That(new[] { p21.Revision, znode.Revision }, Is.EquivalentTo(new long[] { 1, 2 }));

            Assert.That((saga.P21CustomerId, saga.ZnodeUserId, saga.LinkVersion, saga.Revision), Is.EqualTo(((long?)CustomerWorld.FoundP21CustomerId, (int?)CustomerWorld.FoundZnodeUserId, 2L, 2L)));
            Assert.That((saga.Subject, saga.LastStripeEventId, saga.LastReportedAt), Is.EqualTo(($"stripe-customer:{CustomerId}", "evt_customer.created_0", (DateTime?)T0.UtcDateTime)));
            // P21's credit terms came back with its answer and are P21's in the record.
            Assert.That((Applied()[CustomerFieldNames.CreditTerms], SourceOf(CustomerFieldNames.CreditTerms)), Is.EqualTo(("NET30", "P21")));
            Assert.That(SourceOf(CustomerFieldNames.Name), Is.EqualTo("Stripe"));
            var links = Sent<CustomerLinkChanged>();
            Assert.That(links.Select(l => l.Version), Is.EqualTo(new long[] { 1, 2 }));
            Assert.That((links[^1].P21CustomerId, links[^1].ZnodeUserId, links[^1].Unlinked), Is.EqualTo(((long?)CustomerWorld.FoundP21CustomerId, (int?)CustomerWorld.FoundZnodeUserId, false)));
            Assert.That(Sent<FlowStarted>().Single().Flow, Is.EqualTo(FlowNames.CustomerSync));
        });
    }

    [Test]
    public async Task Should_not_create_a_P21_customer_when_that_is_switched_off()
    {
        Options.CreateP21Customers = false;

        await PublishInTurn(Created());

        Assert.That(Sent<SyncP21Customer>().Single().CreateIfMissing, Is.False);
    }

    [Test]
    public async Task Should_link_by_the_ids_its_metadata_names()
    {
        await PublishInTurn(Created(metadata: new() { ["p21_customer_id"] = "4242", ["znode_user_id"] = "12" }));

        var saga = await WaitForState(Machine.Active);
        Assert.Multiple(() =>
        {
            Assert.That((Sent<SyncP21Customer>().Single().P21CustomerId, Sent<SyncZnodeAccount>().Single().ZnodeUserId), Is.EqualTo(((long?)4242, (int?)12)));
            Assert.That((saga.P21CustomerId, saga.ZnodeUserId, saga.LinkedBy, saga.LinkVersion), Is.EqualTo(((long?)4242, (int?)12, "metadata", 1L)));
            Assert.That(Sent<CustomerLinkChanged>().Single().Version, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Should_not_link_by_metadata_that_is_not_an_id()
    {
        await PublishInTurn(Created(metadata: new() { ["p21_customer_id"] = "ACME-1" }));

        var saga = await WaitForState(Machine.Active);
        Assert.Multiple(() =>
        {
            Assert.That(Sent<SyncP21Customer>().Single().P21CustomerId, Is.Null);
            Assert.That(MachineLogs(LogLevel.Warning).Single().Message, Does.Contain("'ACME-1' is not a P21 customer id"));
            Assert.That(saga.P21CustomerId, Is.EqualTo(CustomerWorld.FoundP21CustomerId), "found by P21 instead");
        });
    }

    [Test]
    public async Task Should_send_only_the_changed_fields_to_the_systems_that_keep_them()
    {
        await PublishInTurn(Created());

        await PublishInTurn(Reported(10, Acme(name: "Acme Supply Co"), changed: [CustomerFieldNames.Name]));

        var p21 = Sent<SyncP21Customer>()[^1];
        var znode = Sent<SyncZnodeAccount>()[^1];
        Assert.Multiple(() =>
        {
            Assert.That((p21.Fields.Single().Key, p21.Fields.Single().Value, p21.P21CustomerId), Is.EqualTo((CustomerFieldNames.Name, "Acme Supply Co", (long?)CustomerWorld.FoundP21CustomerId)));
            Assert.That((znode.Fields.Single().Key, znode.ZnodeUserId), Is.EqualTo((CustomerFieldNames.Name, (int?)CustomerWorld.FoundZnodeUserId)));
            Assert.That(p21.Revision, Is.GreaterThan(2));
            Assert.That(Sent<UpdateStripeCustomer>(), Is.Empty);
            Assert.That(Current.LastDecisions, Does.Contain("\"Field\":\"Name\",\"Kind\":\"Applied\""));
        });
    }
}
