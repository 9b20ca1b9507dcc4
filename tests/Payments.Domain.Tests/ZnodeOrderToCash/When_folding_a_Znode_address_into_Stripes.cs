using Payments.Domain.Znode;

namespace Payments.Domain.Tests.ZnodeOrderToCash;

public class When_folding_a_Znode_address_into_Stripes
{
    static readonly ZnodeAddressParts Full = new()
    {
        FirstName = " Ann ", LastName = "Lee", CompanyName = "Acme Supply", Address1 = "1 Main St", Address2 = "Suite 200", Address3 = "Dock 4",
        CityName = "Columbus", StateName = "OH", PostalCode = "43004", CountryName = "us", PhoneNumber = "+1 614 555 0100",
    };

    [Test]
    public void Should_fold_three_street_lines_into_two_and_keep_the_rest()
    {
        var folded = ZnodeAddressFolding.Fold(Full);

        Assert.That(folded.Address, Is.EqualTo(new StripeAddress
        {
            Line1 = "1 Main St", Line2 = "Suite 200, Dock 4", City = "Columbus", State = "OH", PostalCode = "43004", Country = "US",
        }));
        Assert.Multiple(() =>
        {
            Assert.That(folded.Name, Is.EqualTo("Ann Lee (Acme Supply)"));
            Assert.That(folded.Phone, Is.EqualTo("+1 614 555 0100"));
            Assert.That(folded.Dropped, Is.Empty);
        });
    }

    [Test]
    public void Should_move_later_lines_up_over_blank_ones()
    {
        var folded = ZnodeAddressFolding.Fold(Full with { Address1 = " ", Address2 = "PO Box 7", Address3 = null });

        Assert.That((folded.Address!.Line1, folded.Address.Line2), Is.EqualTo(("PO Box 7", (string?)null)));
    }

    [TestCase("Ann", "Lee", null, "Ann Lee")]
    [TestCase(null, "Lee", null, "Lee")]
    [TestCase(null, null, "Acme Supply", "Acme Supply")]
    [TestCase(" ", "", "Acme Supply", "Acme Supply")]
    [TestCase(null, null, null, null)]
    public void Should_name_the_person_and_else_the_company(string? first, string? last, string? company, string? expected) =>
        Assert.That(ZnodeAddressFolding.Fold(Full with { FirstName = first, LastName = last, CompanyName = company }).Name, Is.EqualTo(expected));

    [TestCase("USA")]
    [TestCase("United States")]
    [TestCase("U1")]
    public void Should_leave_out_a_country_that_is_not_alpha_2_and_say_so(string country)
    {
        var folded = ZnodeAddressFolding.Fold(Full with { CountryName = country });

        Assert.That(folded.Address!.Country, Is.Null);
        Assert.That(folded.Dropped.Single(), Does.Contain(country).And.Contain("alpha-2"));
    }

    [Test]
    public void Should_give_no_address_when_nothing_usable_is_left()
    {
        var folded = ZnodeAddressFolding.Fold(new ZnodeAddressParts { FirstName = "Ann", Address1 = "  ", CountryName = "" });

        Assert.That((folded.Address, folded.Name), Is.EqualTo(((StripeAddress?)null, "Ann")));
        var none = ZnodeAddressFolding.Fold(null);
        Assert.That((none.Name, none.Address, none.Phone, none.Dropped.Count), Is.EqualTo(((string?)null, (StripeAddress?)null, (string?)null, 0)));
    }
}
