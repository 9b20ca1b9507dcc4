using Payments.Domain.Customers;
using Payments.Domain.Znode;

namespace Payments.Domain.Tests.Customers;

public class When_folding_a_customer_address_between_Znode_and_Stripe
{
    static readonly ZnodeAddressParts Account = new()
    {
        FirstName = "Ann", LastName = "Lee", Address1 = "1 Main St", Address2 = "Suite 200", CityName = "Columbus", StateName = "OH",
        PostalCode = "43004", CountryName = "United States", PhoneNumber = "+1 614 555 0100",
    };

    [TestCase("US", "US")]
    [TestCase("usa", "US")]
    [TestCase("United States", "US")]
    [TestCase("United States of America", "US")]
    [TestCase("DEU", "DE")]
    [TestCase("Germany", "DE")]
    [TestCase("UK", "GB")]
    [TestCase("Côte d'Ivoire", "CI")]
    [TestCase("cote divoire", "CI")]
    [TestCase(" åland islands ", "AX")]
    [TestCase("Korea, Republic of", "KR")]
    public void Should_give_Stripe_an_alpha_2_country(string znode, string alpha2) =>
        Assert.That(StripeAddressFolding.FromZnode(Account with { CountryName = znode }).Address!.Country, Is.EqualTo(alpha2));

    [TestCase("Narnia")]
    [TestCase("XX")]
    [TestCase("U1")]
    public void Should_leave_out_what_is_not_a_country_and_say_so(string znode)
    {
        var folded = StripeAddressFolding.FromZnode(Account with { CountryName = znode });

        Assert.Multiple(() =>
        {
            Assert.That(folded.Address!.Country, Is.Null);
            Assert.That(folded.Address.Line1, Is.EqualTo("1 Main St"));
            Assert.That(folded.Dropped.Single(), Does.Contain(znode));
        });
    }

    [Test]
    public void Should_fold_three_lines_into_two_and_keep_name_and_phone()
    {
        var folded = StripeAddressFolding.FromZnode(Account with { Address3 = "Dock 4" });

        Assert.Multiple(() =>
        {
            Assert.That(folded.Address, Is.EqualTo(new StripeAddress
            {
                Line1 = "1 Main St", Line2 = "Suite 200, Dock 4", City = "Columbus", State = "OH", PostalCode = "43004", Country = "US",
            }));
            Assert.That((folded.Name, folded.Phone), Is.EqualTo(("Ann Lee", "+1 614 555 0100")));
        });
    }

    [Test]
    public void Should_keep_a_country_alone_when_it_is_all_there_is() =>
        Assert.That(StripeAddressFolding.FromZnode(new ZnodeAddressParts { CountryName = "France" }).Address, Is.EqualTo(new StripeAddress { Country = "FR" }));

    [TestCase(ZnodeCountryStyle.Alpha2, "US")]
    [TestCase(ZnodeCountryStyle.Alpha3, "USA")]
    [TestCase(ZnodeCountryStyle.Name, "United States")]
    public void Should_come_back_to_Znode_in_the_stores_country_style(ZnodeCountryStyle style, string country)
    {
        var back = StripeAddressFolding.ToZnode(StripeAddressFolding.FromZnode(Account).Address, style);

        Assert.That(back, Is.EqualTo(new ZnodeAddressParts
        {
            Address1 = "1 Main St", Address2 = "Suite 200", CityName = "Columbus", StateName = "OH", PostalCode = "43004", CountryName = country,
        }));
    }

    [Test]
    public void Should_round_trip_through_the_customer_record()
    {
        var address = StripeAddressFolding.FromZnode(Account).Address;
        var update = CustomerUpdate.Snapshot(CustomerSystem.Znode, new SourceStamp(DateTimeOffset.UnixEpoch), StripeAddressFolding.ToFields(address));

        var record = CustomerMerge.Apply(CustomerRecord.Empty, update, FieldOwnership.Default).Record;

        Assert.Multiple(() =>
        {
            Assert.That(StripeAddressFolding.FromRecord(record), Is.EqualTo(address));
            Assert.That(StripeAddressFolding.FromRecord(CustomerRecord.Empty), Is.Null);
            Assert.That(StripeAddressFolding.ToFields(null).Values, Is.All.Null);
        });
    }

    [Test]
    public void Should_know_every_assigned_country_once()
    {
        Assert.Multiple(() =>
        {
            Assert.That(IsoCountries.All, Has.Count.EqualTo(249));
            Assert.That(IsoCountries.All.Select(c => c.Alpha2), Is.Unique);
            Assert.That(IsoCountries.All.Select(c => c.Alpha3), Is.Unique);
            Assert.That(IsoCountries.All.All(c => IsoCountries.TryAlpha2(c.Name, out var code) && code == c.Alpha2), Is.True);
        });
    }
}
