using Payments.Domain.Customers;
using static Payments.Domain.Tests.Customers.Customers;

namespace Payments.Domain.Tests.Customers;

/// <summary>
/// Znode answers each write with what it holds and its own modified date (<see cref="CustomerMerge.Acknowledge"/>); its poller reads the
/// account again later. Stripe stamps its events in whole seconds, so a change made at 09:01:01.330 is stamped 09:01:01 — earlier than a
/// write of ours that reached Znode at 09:01:01.024, before that change.
/// </summary>
public class When_our_own_write_is_read_back
{
    static SourceStamp ZnodeAt(double seconds) => new(T0.AddSeconds(seconds));

    static Dictionary<CustomerField, string?> Street(string line1) => Fields((CustomerField.AddressLine1, line1));

    /// <summary>Stripe moves the customer twice; each address is written to Znode and answered, the first at 61.024, the second at 62.010.</summary>
    static CustomerRecord MovedTwiceAndAnswered()
    {
        var record = Merge(Known(), FromStripe(At(60, "evt_a"), Street("200 Dock Rd")));
        record = CustomerMerge.Acknowledge(record, CustomerSystem.Znode, ZnodeAt(61.024), Street("200 Dock Rd"));
        record = Merge(record, FromStripe(At(61, "evt_b"), Street("300 High St")));
        return CustomerMerge.Acknowledge(record, CustomerSystem.Znode, ZnodeAt(62.010), Street("300 High St"));
    }

    [Test]
    public void Should_refuse_a_late_read_of_an_older_write_as_stale()
    {
        // The poller read the account between the two writes; its report comes after both answers.
        var late = CustomerMerge.Apply(MovedTwiceAndAnswered(), FromZnode(ZnodeAt(61.024), Street("200 Dock Rd")), FieldOwnership.Default);

        Assert.Multiple(() =>
        {
            Assert.That(late.Record.AddressLine1, Is.EqualTo("300 High St"), "Stripe's newer change stays");
            Assert.That(late.Decisions.Single().Kind, Is.EqualTo(FieldDecisionKind.Stale));
            Assert.That(late.HasChanges, Is.False, "nothing written back to Stripe or P21");
        });
    }

    [Test]
    public void Should_take_the_read_of_the_latest_write_as_no_news()
    {
        var echo = CustomerMerge.Apply(MovedTwiceAndAnswered(), FromZnode(ZnodeAt(62.010), Street("300 High St")), FieldOwnership.Default);

        Assert.Multiple(() =>
        {
            Assert.That(echo.Decisions.Single().Kind, Is.EqualTo(FieldDecisionKind.NotChangedAtSource));
            Assert.That(echo.HasChanges, Is.False);
        });
    }

    [Test]
    public void Should_still_apply_a_shoppers_change_made_after_the_write()
    {
        var change = CustomerMerge.Apply(MovedTwiceAndAnswered(), FromZnode(ZnodeAt(63.5), Street("45 Harbor Way")), FieldOwnership.Default);

        Assert.Multiple(() =>
        {
            Assert.That((change.Record.AddressLine1, change.Decisions.Single().Kind), Is.EqualTo(("45 Harbor Way", FieldDecisionKind.Applied)));
            Assert.That(change.Changes.Select(c => c.Target), Is.EquivalentTo(new[] { CustomerSystem.P21, CustomerSystem.Stripe }), "written to Stripe and P21");
        });
    }

    [Test]
    public void Should_keep_a_report_newer_than_the_answer()
    {
        // The shopper's change was polled and merged before the answer to our earlier write arrived.
        var record = Merge(Known(), FromZnode(ZnodeAt(70), Street("45 Harbor Way")));

        var answered = CustomerMerge.Acknowledge(record, CustomerSystem.Znode, ZnodeAt(65), Street("200 Dock Rd"));

        Assert.That(answered.Seen(CustomerSystem.Znode, CustomerField.AddressLine1), Is.EqualTo(new SeenValue("45 Harbor Way", ZnodeAt(70))));
    }
}
