using Payments.Contracts.CustomerSync;

namespace Payments.Sagas.Tests.CustomerSync;

/// <summary>
/// Stripe stamps events in whole seconds: a customer created and renamed in one second gives two reports of the same stamp, which the merge
/// can only order by a fixed rule. The saga then reads the customer from Stripe; the read, stamped with its own later time, settles it.
/// </summary>
public class When_two_reports_of_one_second_tie : CustomerSpec
{
    [Test]
    public async Task Should_read_the_customer_from_Stripe_once_and_take_what_Stripe_holds()
    {
        await PublishInTurn(Created());
        await PublishInTurn(Reported(0, Acme(name: "Acme Supply Renamed"), changed: [CustomerFieldNames.Name]));

        var reread = Sent<RereadStripeCustomer>().Single();
        Assert.Multiple(() =>
        {
            Assert.That(reread.StripeCustomerId, Is.EqualTo(CustomerId));
            Assert.That(reread.Reason, Does.Contain("name of evt_customer.updated_0 tied"));
        });

        // What Stripe holds when it is read (a third value: the customer was renamed again meanwhile).
        var writes = Sent<SyncP21Customer>().Count;
        await PublishInTurn(Reported(1, Acme(name: "Acme Supply Group"), type: RereadStripeCustomer.ReportEventType));

        Assert.Multiple(() =>
        {
            Assert.That((Applied()[CustomerFieldNames.Name], SourceOf(CustomerFieldNames.Name)), Is.EqualTo(("Acme Supply Group", "Stripe")));
            Assert.That(Sent<SyncP21Customer>().Skip(writes).Select(c => c.Fields.GetValueOrDefault(CustomerFieldNames.Name)), Does.Contain("Acme Supply Group"));
            Assert.That(Sent<RereadStripeCustomer>(), Has.Count.EqualTo(1), "a read is never read back");
        });
    }

    [Test]
    public async Task Should_not_read_back_reports_of_different_seconds()
    {
        await PublishInTurn(Created());
        await PublishInTurn(Reported(1, Acme(name: "Acme Supply Renamed"), changed: [CustomerFieldNames.Name]));

        Assert.That(Sent<RereadStripeCustomer>(), Is.Empty);
    }
}
