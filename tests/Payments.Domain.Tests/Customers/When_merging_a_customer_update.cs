using Payments.Domain.Customers;
using static Payments.Domain.Tests.Customers.Customers;

namespace Payments.Domain.Tests.Customers;

public class When_merging_a_customer_update
{
    [Test]
    public void Should_write_a_Stripe_change_to_P21_and_Znode_and_say_why()
    {
        var update = FromStripe(At(60, "evt_1"), Fields((CustomerField.Name, "Acme Supply Co"), (CustomerField.Email, "ap@acme.example")), CustomerField.Name);

        var result = CustomerMerge.Apply(Known(), update, FieldOwnership.Default);

        Assert.Multiple(() =>
        {
            Assert.That(result.Record.Name, Is.EqualTo("Acme Supply Co"));
            Assert.That(result.Record.Applied(CustomerField.Name)!.Stamp, Is.EqualTo(At(60, "evt_1")));
            Assert.That(result.Changes.SelectMany(c => c.Fields.Select(f => (c.Target, f.Field, f.Value))), Is.EqualTo(new[]
            {
                (CustomerSystem.P21, CustomerField.Name, "Acme Supply Co"),
                (CustomerSystem.Znode, CustomerField.Name, "Acme Supply Co"),
            }));
            var name = result.Decisions.Single(d => d.Field == CustomerField.Name);
            Assert.That((name.Kind, name.From, name.To), Is.EqualTo((FieldDecisionKind.Applied, "Acme Supply", "Acme Supply Co")));
            Assert.That(name.Reason, Does.Contain("Stripe changed the name").And.Contain("to write to P21, Znode"));
            Assert.That(result.Decisions.Single(d => d.Field == CustomerField.Email).Kind, Is.EqualTo(FieldDecisionKind.NotChangedAtSource));
        });
    }

    [Test]
    public void Should_not_apply_a_field_the_incoming_system_does_not_own()
    {
        var update = FromStripe(At(60), Fields((CustomerField.CreditTerms, "NET10"), (CustomerField.Phone, "+1 614 555 0199")));

        var result = CustomerMerge.Apply(Known(), update, FieldOwnership.Default);

        var terms = result.Decisions.Single(d => d.Field == CustomerField.CreditTerms);
        Assert.Multiple(() =>
        {
            Assert.That(terms.Kind, Is.EqualTo(FieldDecisionKind.NotOwned));
            Assert.That(terms.Reason, Does.Contain("P21 owns the credit terms"));
            Assert.That(result.Record.CreditTerms, Is.EqualTo("NET30"));
            Assert.That(result.Changes.SelectMany(c => c.Fields).Select(f => f.Field), Has.None.EqualTo(CustomerField.CreditTerms));
            Assert.That(result.Record.Phone, Is.EqualTo("+1 614 555 0199"));
        });
    }

    [Test]
    public void Should_apply_P21s_credit_terms_and_write_them_only_where_they_are_kept()
    {
        var result = CustomerMerge.Apply(Known(), FromP21(At(60), Fields((CustomerField.CreditTerms, "NET60"), (CustomerField.Name, "ACME SUPPLY"))), FieldOwnership.Default);

        Assert.Multiple(() =>
        {
            Assert.That(result.Record.CreditTerms, Is.EqualTo("NET60"));
            Assert.That(result.Decisions.Single(d => d.Field == CustomerField.CreditTerms).Reason, Does.Contain("nothing to write elsewhere"));
            Assert.That(result.Decisions.Single(d => d.Field == CustomerField.Name).Kind, Is.EqualTo(FieldDecisionKind.NotOwned));
            Assert.That(result.Record.Name, Is.EqualTo("Acme Supply"));
            Assert.That(result.HasChanges, Is.False);
        });
    }

    [Test]
    public void Should_write_nothing_when_the_value_only_differs_in_spelling()
    {
        var update = FromStripe(At(60), Fields((CustomerField.Email, "  AP@Acme.Example "), (CustomerField.Country, "usa")));

        var result = CustomerMerge.Apply(Known(), update, FieldOwnership.Default);

        Assert.Multiple(() =>
        {
            Assert.That(result.Decisions.Select(d => d.Kind), Is.All.EqualTo(FieldDecisionKind.Unchanged));
            Assert.That(result.HasChanges, Is.False);
            Assert.That(result.Record.Applied(CustomerField.Email)!.Stamp, Is.EqualTo(At(0, "evt_created")));
        });
    }

    [Test]
    public void Should_fold_a_Znode_address_change_into_Stripe_and_P21()
    {
        var znode = FromZnode(At(60), Fields(
            (CustomerField.Name, "Acme Supply"), (CustomerField.Email, "ap@acme.example"), (CustomerField.AddressLine1, "200 Dock Rd"),
            (CustomerField.City, "Columbus"), (CustomerField.PostalCode, "43215"), (CustomerField.Country, "United States")));

        var result = CustomerMerge.Apply(Known(), znode, FieldOwnership.Default);

        Assert.Multiple(() =>
        {
            Assert.That(result.For(CustomerSystem.Stripe)!.Fields, Is.EqualTo(new[]
            {
                new FieldChange(CustomerField.AddressLine1, "200 Dock Rd"), new FieldChange(CustomerField.PostalCode, "43215"),
            }));
            Assert.That(result.For(CustomerSystem.P21)!.Fields, Is.EqualTo(result.For(CustomerSystem.Stripe)!.Fields));
            Assert.That(result.For(CustomerSystem.Znode), Is.Null);
            // The country is "US" either way; the name is Stripe's and Znode only repeats it.
            Assert.That(result.Decisions.Single(d => d.Field == CustomerField.Country).Kind, Is.EqualTo(FieldDecisionKind.NotChangedAtSource));
        });
    }

    [Test]
    public void Should_not_take_our_own_write_coming_back_for_a_change()
    {
        var stripe = CustomerMerge.Apply(Known(), FromStripe(At(60), Fields((CustomerField.Phone, "+1 614 555 0199"))), FieldOwnership.Default);

        // Znode, written by us, reports the customer whole a minute later.
        var echo = CustomerMerge.Apply(stripe.Record, FromZnode(At(120), Fields((CustomerField.Phone, "+1 614 555 0199"), (CustomerField.City, "Columbus"))), FieldOwnership.Default);

        Assert.Multiple(() =>
        {
            Assert.That(echo.HasChanges, Is.False);
            Assert.That(echo.Decisions.Select(d => d.Kind), Is.EqualTo(new[] { FieldDecisionKind.NotOwned, FieldDecisionKind.NotChangedAtSource }));
            Assert.That(echo.Record.Values, Is.EqualTo(stripe.Record.Values));
        });
    }

    [Test]
    public void Should_follow_the_configured_ownership()
    {
        var ownership = FieldOwnership.FromSettings(new Dictionary<string, string> { ["Email"] = "Znode", ["Address"] = "P21, Stripe" });

        var fromStripe = CustomerMerge.Apply(Known(), FromStripe(At(60), Fields((CustomerField.Email, "billing@acme.example"))), ownership);
        var fromZnode = CustomerMerge.Apply(Known(), FromZnode(At(60), Fields((CustomerField.Email, "billing@acme.example"), (CustomerField.City, "Dublin"))), ownership);
        var fromP21 = CustomerMerge.Apply(Known(), FromP21(At(60), Fields((CustomerField.City, "Dublin"))), ownership);

        Assert.Multiple(() =>
        {
            Assert.That(fromStripe.Decisions.Single().Reason, Does.Contain("Znode owns the e-mail"));
            Assert.That(fromZnode.Record.Email, Is.EqualTo("billing@acme.example"));
            Assert.That(fromZnode.Decisions.Single(d => d.Field == CustomerField.City).Reason, Does.Contain("P21 and Stripe own the city"));
            Assert.That(fromP21.Record.City, Is.EqualTo("Dublin"));
            Assert.That(fromP21.Changes.Select(c => c.Target), Is.EqualTo(new[] { CustomerSystem.Stripe, CustomerSystem.Znode }));
            Assert.That(ownership.RuleFor(CustomerField.CreditTerms).Writers, Is.EqualTo(new[] { CustomerSystem.P21 }));
        });
    }

    [Test]
    public void Should_name_every_bad_ownership_setting()
    {
        var error = Assert.Throws<ArgumentException>(() => FieldOwnership.FromSettings(new Dictionary<string, string>
        {
            ["Emial"] = "Stripe", ["CreditTerms"] = "Epicor", ["Phone"] = " ",
        }))!;

        Assert.That(error.Message, Does.Contain("Customers:Ownership:Emial: not a customer field")
            .And.Contain("Customers:Ownership:CreditTerms: 'Epicor' is not a system")
            .And.Contain("Customers:Ownership:Phone: name at least one system"));
    }

    [Test]
    public void Should_refuse_a_writer_that_does_not_keep_the_field() =>
        Assert.That(() => FieldOwnership.From([new FieldRule(CustomerField.Phone, [CustomerSystem.Znode], [CustomerSystem.Stripe])]),
            Throws.ArgumentException.With.Message.Contains("Phone: Znode may change it but does not keep it"));

    [Test]
    public void Should_compare_tax_ids_as_a_set()
    {
        var record = Merge(Known(), FromStripe(At(60), Fields((CustomerField.TaxIds, CustomerTaxIds.Format([new("eu_vat", "de 123456789"), new("us_ein", "12-3456789")])))));

        var again = CustomerMerge.Apply(record, FromStripe(At(90), Fields((CustomerField.TaxIds, "US_EIN:12-3456789; eu_vat:DE123456789"))), FieldOwnership.Default);

        Assert.Multiple(() =>
        {
            Assert.That(record.TaxIds, Is.EqualTo("eu_vat:DE123456789; us_ein:12-3456789"));
            Assert.That(again.Decisions.Single().Kind, Is.EqualTo(FieldDecisionKind.Unchanged));
            Assert.That(CustomerTaxIds.Parse(record.TaxIds), Is.EqualTo(new[] { new CustomerTaxId("eu_vat", "DE123456789"), new CustomerTaxId("us_ein", "12-3456789") }));
        });
    }
}
