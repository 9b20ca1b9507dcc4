using Microsoft.Extensions.Logging;
using Payments.Contracts.CustomerSync;

namespace Payments.Sagas.Tests.CustomerSync;

public class When_a_customer_is_linked : CustomerSpec
{
    static P21CustomerLinked FoundByCharge(long p21CustomerId) => new()
    {
        CorrelationId = CorrelationId, StripeCustomerId = CustomerId, P21CustomerId = p21CustomerId, MatchedBy = "email", FoundFor = "ch_1", LinkedAt = T0.AddMinutes(5),
    };

    static LinkCustomer AcceptedBy(string person, long? p21 = null, int? znode = null) => new()
    {
        CorrelationId = CorrelationId, StripeCustomerId = CustomerId, P21CustomerId = p21, ZnodeUserId = znode, AcceptedBy = person,
        Reason = "suggest-links score 0.92: same e-mail and postal code", AcceptedAt = T0.AddMinutes(50),
    };

    [Test]
    public async Task Should_start_the_link_record_when_a_charge_found_the_P21_customer_first()
    {
        await PublishInTurn(FoundByCharge(555));

        var saga = await WaitForState(Machine.Active);
        Assert.Multiple(() =>
        {
            Assert.That((saga.P21CustomerId, saga.LinkedBy, saga.LinkVersion, saga.LastReportedAt), Is.EqualTo(((long?)555, "email", 1L, (DateTime?)null)));
            Assert.That(Sent<SyncP21Customer>(), Is.Empty, "nothing known to write yet");
        });

        // Stripe's first report then writes the whole record to that customer.
        await PublishInTurn(Created());
        Assert.That(Sent<SyncP21Customer>().Single().P21CustomerId, Is.EqualTo(555));
    }

    [Test]
    public async Task Should_take_every_field_of_the_first_Stripe_report_after_a_person_linked_the_customer()
    {
        // Customers from before the hub: a person links them, and the first thing Stripe then says is an update of two fields. The e-mail
        // and the rest were never reported: P21 could not take the record without them.
        await PublishInTurn(AcceptedBy("maria", p21: 777, znode: 88));
        await PublishInTurn(Reported(60, changed: [CustomerFieldNames.Name, CustomerFieldNames.City]));

        var sync = Sent<SyncP21Customer>().Single();
        Assert.Multiple(() =>
        {
            Assert.That((sync.P21CustomerId, sync.Record[CustomerFieldNames.Email]), Is.EqualTo(((long?)777, Acme()[CustomerFieldNames.Email])));
            Assert.That(sync.Fields.Keys, Does.Contain(CustomerFieldNames.Email).And.Contain(CustomerFieldNames.Name).And.Contain(CustomerFieldNames.AddressLine1));
            Assert.That(Sent<SyncZnodeAccount>().Single().ZnodeUserId, Is.EqualTo(88));
        });
    }

    [Test]
    public async Task Should_not_let_a_charge_replace_a_different_linked_P21_customer()
    {
        await PublishInTurn(Created());
        var linkVersion = Current.LinkVersion;

        await PublishInTurn(FoundByCharge(999));

        Assert.Multiple(() =>
        {
            Assert.That((Current.P21CustomerId, Current.LinkVersion), Is.EqualTo(((long?)CustomerWorld.FoundP21CustomerId, linkVersion)));
            var warning = MachineLogs(LogLevel.Warning).Single().Message;
            Assert.That(warning, Does.Contain(CustomerWorld.FoundP21CustomerId.ToString()).And.Contain("999"));
        });
    }

    [Test]
    public async Task Should_replace_the_P21_customer_a_person_links_and_give_it_the_whole_record()
    {
        await PublishInTurn(Created());
        var linkVersion = Current.LinkVersion;

        await PublishInTurn(AcceptedBy("maria", p21: 999));

        var resync = Sent<SyncP21Customer>()[^1];
        Assert.Multiple(() =>
        {
            Assert.That((Current.P21CustomerId, Current.LinkedBy, Current.LinkVersion), Is.EqualTo(((long?)999, "person:maria", linkVersion + 1)));
            Assert.That((Current.LinkedAt), Is.EqualTo(T0.AddMinutes(50).UtcDateTime));
            var link = Sent<CustomerLinkChanged>().Single(l => l.Version == linkVersion + 1);
            Assert.That((link.P21CustomerId, link.ZnodeUserId), Is.EqualTo(((long?)999, (int?)CustomerWorld.FoundZnodeUserId)));
            Assert.That((resync.P21CustomerId, resync.Fields[CustomerFieldNames.Name]), Is.EqualTo(((long?)999, "Acme Supply")));
            Assert.That(resync.Fields.Keys, Does.Contain(CustomerFieldNames.Email));
            Assert.That(Sent<SyncZnodeAccount>(), Has.Count.EqualTo(1), "Znode's link did not change");
        });
    }

    [Test]
    public async Task Should_change_nothing_when_the_person_accepts_the_link_recorded()
    {
        await PublishInTurn(Created());
        var (linkVersion, commands) = (Current.LinkVersion, Sent<SyncP21Customer>().Count);

        await PublishInTurn(AcceptedBy("maria", p21: CustomerWorld.FoundP21CustomerId));

        Assert.That((Current.LinkVersion, Sent<SyncP21Customer>().Count), Is.EqualTo((linkVersion, commands)));
    }
}
