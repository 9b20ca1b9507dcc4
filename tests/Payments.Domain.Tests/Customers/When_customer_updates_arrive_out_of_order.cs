using Payments.Domain.Customers;
using static Payments.Domain.Tests.Customers.Customers;

namespace Payments.Domain.Tests.Customers;

public class When_customer_updates_arrive_out_of_order
{
    [Test]
    public void Should_never_let_an_older_update_overwrite_a_newer_one()
    {
        var newer = FromStripe(At(120, "evt_b"), Fields((CustomerField.Email, "billing@acme.example")));
        var older = FromStripe(At(60, "evt_a"), Fields((CustomerField.Email, "accounts@acme.example")));

        var first = CustomerMerge.Apply(Known(), newer, FieldOwnership.Default);
        var late = CustomerMerge.Apply(first.Record, older, FieldOwnership.Default);

        var decision = late.Decisions.Single();
        Assert.Multiple(() =>
        {
            Assert.That(late.Record.Email, Is.EqualTo("billing@acme.example"));
            Assert.That(decision.Kind, Is.EqualTo(FieldDecisionKind.Stale));
            Assert.That(decision.Reason, Does.StartWith("stale:").And.Contain("2026-03-02 09:01:00Z").And.Contain("2026-03-02 09:02:00Z"));
            Assert.That(late.HasChanges, Is.False);
        });
    }

    [Test]
    public void Should_refuse_a_P21_record_older_than_one_P21_reported_since()
    {
        var record = Merge(Known(), FromP21(At(120, version: 7), Fields((CustomerField.CreditTerms, "NET60"))));

        var late = CustomerMerge.Apply(record, FromP21(At(60, version: 6), Fields((CustomerField.CreditTerms, "NET45"))), FieldOwnership.Default);

        Assert.That((late.Record.CreditTerms, late.Decisions.Single().Kind), Is.EqualTo(("NET60", FieldDecisionKind.Stale)));
    }

    [Test]
    public void Should_order_equal_times_by_version()
    {
        var v2 = FromP21(At(60, version: 2), Fields((CustomerField.CreditTerms, "NET60")));
        var v1 = FromP21(At(60, version: 1), Fields((CustomerField.CreditTerms, "NET45")));

        Assert.Multiple(() =>
        {
            Assert.That(MergeAll(Known(), [v1, v2]).CreditTerms, Is.EqualTo("NET60"));
            Assert.That(MergeAll(Known(), [v2, v1]).CreditTerms, Is.EqualTo("NET60"));
        });
    }

    [Test]
    public void Should_apply_two_concurrent_updates_of_different_fields_in_either_order()
    {
        // At 09:01 a shopper changes the address in Znode while someone renames the customer in Stripe; Stripe's event
        // carries the whole customer, its address still the old one, and previous_attributes naming only the name.
        var znode = FromZnode(At(60), Fields((CustomerField.AddressLine1, "200 Dock Rd"), (CustomerField.PostalCode, "43215")));
        var stripe = FromStripe(At(61, "evt_rename"), Fields((CustomerField.Name, "Acme Supply Co"), (CustomerField.AddressLine1, "1 Main St"), (CustomerField.PostalCode, "43004")), CustomerField.Name);

        var one = MergeAll(Known(), [znode, stripe]);
        var other = MergeAll(Known(), [stripe, znode]);

        Assert.Multiple(() =>
        {
            Assert.That((one.Name, one.AddressLine1, one.PostalCode), Is.EqualTo(("Acme Supply Co", "200 Dock Rd", "43215")));
            Assert.That(other.Values, Is.EqualTo(one.Values));
        });
    }

    [Test]
    public void Should_not_let_a_whole_record_that_repeats_an_old_value_undo_a_newer_change()
    {
        var stripe = FromStripe(At(60, "evt_move"), Fields((CustomerField.City, "Dublin"), (CustomerField.PostalCode, "43017")));
        // Znode is polled before our write reaches it: it still shows the old address, with a later ModifiedDate (a phone edit).
        var znode = FromZnode(At(90), Fields((CustomerField.City, "Columbus"), (CustomerField.PostalCode, "43004"), (CustomerField.Phone, "+1 614 555 0111")));

        foreach (var order in Permutations<CustomerUpdate>([stripe, znode]))
        {
            var record = MergeAll(Known(), order);
            Assert.That((record.City, record.PostalCode), Is.EqualTo(("Dublin", "43017")));
        }
    }

    [Test]
    public void Should_break_a_tie_the_same_way_whatever_the_order_and_advise_a_read_back()
    {
        // Two Stripe events of the same second, for the same field.
        var a = FromStripe(At(60, "evt_a"), Fields((CustomerField.Phone, "+1 614 555 0101")));
        var b = FromStripe(At(60, "evt_b"), Fields((CustomerField.Phone, "+1 614 555 0102")));

        var ab = CustomerMerge.Apply(Merge(Known(), a), b, FieldOwnership.Default);
        var ba = CustomerMerge.Apply(Merge(Known(), b), a, FieldOwnership.Default);

        Assert.Multiple(() =>
        {
            Assert.That(ab.Record.Phone, Is.EqualTo("+1 614 555 0102"));
            Assert.That(ba.Record.Phone, Is.EqualTo("+1 614 555 0102"));
            Assert.That(ab.Decisions.Single().Kind, Is.EqualTo(FieldDecisionKind.Applied));
            Assert.That(ba.Decisions.Single().Kind, Is.EqualTo(FieldDecisionKind.LostTie));
            Assert.That(ab.ReadBackAdvised && ba.ReadBackAdvised, Is.True);
            Assert.That(ba.Decisions.Single().Reason, Does.StartWith("tie:").And.Contain("read the customer from its source"));
        });
    }

    [Test]
    public void Should_prefer_the_writer_listed_first_when_two_systems_tie()
    {
        var ownership = FieldOwnership.FromSettings(new Dictionary<string, string> { ["Address"] = "Znode, Stripe" });
        var stripe = FromStripe(At(60, "evt_z"), Fields((CustomerField.City, "Dublin")));
        var znode = FromZnode(At(60), Fields((CustomerField.City, "Powell")));

        foreach (var order in Permutations<CustomerUpdate>([stripe, znode]))
        {
            var record = order.Aggregate(Known(), (r, u) => CustomerMerge.Apply(r, u, ownership).Record);
            Assert.That(record.City, Is.EqualTo("Powell"));
        }
    }

    [Test]
    public void Should_reach_the_same_record_in_every_order()
    {
        CustomerUpdate[] updates =
        [
            FromStripe(At(60, "evt_1"), Fields((CustomerField.Name, "Acme Supply Co"), (CustomerField.Email, "ap@acme.example")), CustomerField.Name),
            FromStripe(At(90, "evt_2"), Fields((CustomerField.Name, "Acme Supply Co"), (CustomerField.Email, "billing@acme.example")), CustomerField.Email),
            FromStripe(At(90, "evt_3"), Fields((CustomerField.Phone, "+1 614 555 0199"))),
            FromZnode(At(100), Fields((CustomerField.AddressLine1, "200 Dock Rd"), (CustomerField.PostalCode, "43215"), (CustomerField.Email, "ap@acme.example"))),
            FromP21(At(70, version: 3), Fields((CustomerField.CreditTerms, "NET45"), (CustomerField.Name, "ACME"))),
            FromP21(At(80, version: 4), Fields((CustomerField.CreditTerms, "NET60"), (CustomerField.Name, "ACME"))),
        ];
        var expected = MergeAll(Known(), updates).Values;

        var orders = 0;
        foreach (var order in Permutations(updates))
        {
            Assert.That(MergeAll(Known(), order).Values, Is.EqualTo(expected), () => string.Join(" → ", order.Select(u => $"{u.Source}@{u.Stamp}")));
            orders++;
        }

        Assert.Multiple(() =>
        {
            Assert.That(orders, Is.EqualTo(720));
            Assert.That(expected[CustomerField.Name], Is.EqualTo("Acme Supply Co"));
            Assert.That(expected[CustomerField.Email], Is.EqualTo("billing@acme.example"));
            Assert.That(expected[CustomerField.Phone], Is.EqualTo("+1 614 555 0199"));
            Assert.That((expected[CustomerField.AddressLine1], expected[CustomerField.PostalCode]), Is.EqualTo(("200 Dock Rd", "43215")));
            Assert.That(expected[CustomerField.CreditTerms], Is.EqualTo("NET60"));
        });
    }
}
