using Microsoft.Extensions.Logging;
using Payments.Contracts.CustomerSync;

namespace Payments.Sagas.Tests.CustomerSync;

public class When_customer_updates_arrive_out_of_order : CustomerSpec
{
    [Test]
    public async Task Should_change_nothing_for_a_report_older_than_the_one_applied()
    {
        await PublishInTurn(Created());
        await PublishInTurn(Reported(20, Acme(name: "Acme Supply Co"), changed: [CustomerFieldNames.Name]));
        var sent = Sent<SyncP21Customer>().Count + Sent<SyncZnodeAccount>().Count;

        // Stripe's earlier event (a rename to "Acme Supply Inc" ten minutes before) arrives last.
        await PublishInTurn(Reported(10, Acme(name: "Acme Supply Inc"), changed: [CustomerFieldNames.Name]));

        Assert.Multiple(() =>
        {
            Assert.That(Applied()[CustomerFieldNames.Name], Is.EqualTo("Acme Supply Co"));
            Assert.That(Sent<SyncP21Customer>().Count + Sent<SyncZnodeAccount>().Count, Is.EqualTo(sent), "nothing written");
            Assert.That(Current.LastDecisions, Does.Contain("\"Kind\":\"Stale\""));
            Assert.That(Current.LastStripeEventId, Is.EqualTo("evt_customer.updated_20"), "the newest report stays the last one");
            Assert.That(MachineLogs(LogLevel.Warning), Is.Empty, "an older report is an expected path");
            Assert.That(MachineLogs(LogLevel.Information).Select(e => e.Message), Has.Some.Contains("older than what is known Name"));
        });
    }

    [Test]
    public async Task Should_keep_a_Znode_change_made_between_a_Stripe_change_and_its_late_report()
    {
        await PublishInTurn(Created());
        // Stripe changed the city at minute 10, but that event is late; Znode changed it at minute 20; then Stripe's old event comes.
        await PublishInTurn(ZnodeReport(20, Acme(city: "Dublin")));
        await PublishInTurn(Reported(10, Acme(city: "Cleveland"), changed: [CustomerFieldNames.City]));

        Assert.Multiple(() =>
        {
            Assert.That((Applied()[CustomerFieldNames.City], SourceOf(CustomerFieldNames.City)), Is.EqualTo(("Dublin", "Znode")));
            Assert.That(Sent<SyncP21Customer>().Select(c => c.Fields.GetValueOrDefault(CustomerFieldNames.City)), Has.None.EqualTo("Cleveland"));
            Assert.That(Sent<UpdateStripeCustomer>().Single().Fields[CustomerFieldNames.City], Is.EqualTo("Dublin"));
        });
    }

    [Test]
    public async Task Should_take_a_Znode_change_after_a_newer_Stripe_report_only_when_newer()
    {
        await PublishInTurn(Created());
        await PublishInTurn(Reported(30, Acme(city: "Cleveland"), changed: [CustomerFieldNames.City]));

        // A Znode account modified at minute 20 (before Stripe's change) is polled after it: it does not undo it.
        await PublishInTurn(ZnodeReport(20, Acme(city: "Dublin")));

        Assert.Multiple(() =>
        {
            Assert.That((Applied()[CustomerFieldNames.City], SourceOf(CustomerFieldNames.City)), Is.EqualTo(("Cleveland", "Stripe")));
            Assert.That(Sent<UpdateStripeCustomer>(), Is.Empty);
        });
    }
}
