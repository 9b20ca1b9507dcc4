using Microsoft.Extensions.Logging;
using Payments.Contracts.CustomerSync;

namespace Payments.Sagas.Tests.CustomerSync;

public class When_a_Stripe_customer_is_deleted : CustomerSpec
{
    [Test]
    public async Task Should_unlink_it_keep_the_ids_and_ignore_later_reports()
    {
        await PublishInTurn(Created());
        var commands = Sent<SyncP21Customer>().Count + Sent<SyncZnodeAccount>().Count;

        await PublishInTurn(Reported(60, type: "customer.deleted", deleted: true));
        var saga = await WaitForState(Machine.Unlinked);
        await PublishInTurn(Reported(70, Acme(name: "Ghost"), changed: [CustomerFieldNames.Name]));
        await PublishInTurn(ZnodeReport(80, Acme(city: "Dublin")));

        Assert.Multiple(() =>
        {
            Assert.That((saga.P21CustomerId, saga.ZnodeUserId, saga.UnlinkedAt is not null), Is.EqualTo(((long?)CustomerWorld.FoundP21CustomerId, (int?)CustomerWorld.FoundZnodeUserId, true)));
            var unlinked = Sent<CustomerLinkChanged>()[^1];
            Assert.That((unlinked.Unlinked, unlinked.Version, unlinked.P21CustomerId), Is.EqualTo((true, 3L, (long?)CustomerWorld.FoundP21CustomerId)));
            Assert.That(Sent<SyncP21Customer>().Count + Sent<SyncZnodeAccount>().Count + Sent<UpdateStripeCustomer>().Count, Is.EqualTo(commands), "nothing written or deleted anywhere");
            Assert.That(Current.CurrentState, Is.EqualTo(Machine.Unlinked.Name));
            Assert.That(Applied()[CustomerFieldNames.Name], Is.EqualTo("Acme Supply"));
            Assert.That(MachineLogs(LogLevel.Warning), Is.Empty);
            Assert.That(MachineLogs(LogLevel.Information).Count(e => e.Message.Contains("is ignored")), Is.EqualTo(2));
        });
    }
}
