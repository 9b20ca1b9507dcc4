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

    [Test]
    public async Task Should_not_let_a_late_read_of_its_own_older_write_undo_a_newer_Stripe_change()
    {
        // Znode took the created customer at 09:10:00.024 by its clock. Stripe's move to Cleveland came at 09:10:00.330, stamped 09:10:00
        // (whole seconds), and Znode took it at 09:10:01. The poller read the account between the two writes; its report comes last.
        World.ZnodeModifiedAt = T0.AddMinutes(10).AddMilliseconds(24);
        await PublishInTurn(Created());
        World.ZnodeModifiedAt = T0.AddMinutes(10).AddSeconds(1);
        await PublishInTurn(Reported(10, Acme(city: "Cleveland"), changed: [CustomerFieldNames.City]));

        await PublishInTurn(ZnodeReport(0, Acme()) with { ModifiedAt = T0.AddMinutes(10).AddMilliseconds(24) });

        Assert.Multiple(() =>
        {
            Assert.That((Applied()[CustomerFieldNames.City], SourceOf(CustomerFieldNames.City)), Is.EqualTo(("Cleveland", "Stripe")));
            Assert.That(Sent<UpdateStripeCustomer>(), Is.Empty, "our own write read back is not a change to send to Stripe");
            Assert.That(Sent<SyncP21Customer>().Last(c => c.Fields.ContainsKey(CustomerFieldNames.City)).Fields[CustomerFieldNames.City], Is.EqualTo("Cleveland"),
                "P21 is not moved back");
        });
    }
}
