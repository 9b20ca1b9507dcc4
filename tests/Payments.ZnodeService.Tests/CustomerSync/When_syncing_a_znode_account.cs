using Payments.Contracts.CustomerSync;
using Payments.Contracts.Shared;
using Payments.Simulators.Znode.Store;
using Payments.ZnodeService.CustomerSync;

namespace Payments.ZnodeService.Tests.CustomerSync;

/// <summary>
/// <see cref="SyncZnodeAccount"/> against the simulator: the linked account gets only the given fields (the address on its default
/// billing address, the country in the store's style); a field written at a higher revision is skipped; an unlinked customer is
/// found by e-mail (and a default billing address made for it); no account with the e-mail answers with no user id.
/// </summary>
[TestFixture]
public class When_syncing_a_znode_account
{
    ZnodeServiceHost _host = null!;

    [SetUp]
    public async Task Start() => _host = await ZnodeServiceHost.StartAsync(config => config["Znode:Accounts:CountryStyle"] = "Alpha3");

    [TearDown]
    public async Task Stop() => await _host.DisposeAsync();

    static SyncZnodeAccount Sync(string cus, long revision, Dictionary<string, string?> fields, Dictionary<string, string?>? record = null, int? userId = null) => new()
    {
        CorrelationId = CorrelationKey.StripeCustomer(cus).ToGuid(), StripeCustomerId = cus, ZnodeUserId = userId, Fields = fields,
        Record = record ?? fields, Revision = revision,
    };

    ZnodeUser Ann() => _host.Znode.CreateUser(new ZnodeUserSpec
    {
        Email = "ann@maple.example", FirstName = "Ann", LastName = "Lee", PhoneNumber = "555-0100", CompanyName = "Maple Buyers",
        BillingAddress = new ZnodeUserAddress { Address1 = "1 Main St", Address2 = "Suite 5", CityName = "Columbus", StateName = "OH", PostalCode = "43004", CountryName = "USA" },
    });

    [Test]
    public async Task Should_write_only_the_given_fields_of_the_linked_account()
    {
        var ann = Ann();
        await _host.LinkAsync("cus_ann", ann.UserId, version: 1);

        await _host.Harness.Bus.Publish(Sync("cus_ann", 3, new()
        {
            [CustomerFieldNames.Phone] = "555-0199", [CustomerFieldNames.City] = "Berlin", [CustomerFieldNames.Country] = "DE",
            [CustomerFieldNames.TaxIds] = "eu_vat:DE123456789",
        }));
        var synced = (await _host.ReceivedAsync<ZnodeAccountSynced>()).Single();

        var now = _host.Znode.Store.FindUser(ann.UserId)!;
        var billing = now.Addresses.Single(a => a.IsDefaultBilling);
        var link = await _host.LinkOfAsync("cus_ann");
        Assert.Multiple(() =>
        {
            Assert.That((synced.ZnodeUserId, synced.MatchedBy, synced.Revision), Is.EqualTo(((int?)ann.UserId, SyncZnodeAccountConsumer.ByLink, 3L)));
            Assert.That(synced.FieldsWritten, Is.EquivalentTo(new[] { CustomerFieldNames.Phone, CustomerFieldNames.City, CustomerFieldNames.Country }), "Znode keeps no tax ids");
            Assert.That(synced.FieldsSkipped, Is.Empty);
            Assert.That((now.PhoneNumber, now.Email, now.FirstName, now.LastName, now.CompanyName), Is.EqualTo(("555-0199", "ann@maple.example", "Ann", "Lee", "Maple Buyers")),
                "the whole user model is sent back: fields not given stay");
            Assert.That((billing.Address1, billing.Address2, billing.CityName, billing.StateName, billing.PostalCode, billing.CountryName),
                Is.EqualTo(("1 Main St", "Suite 5", "Berlin", "OH", "43004", "DEU")), "only the given address fields; the country as the store writes it");
            Assert.That(link!.Revisions(), Is.EquivalentTo(new Dictionary<string, long> { [CustomerFieldNames.Phone] = 3, [CustomerFieldNames.City] = 3, [CustomerFieldNames.Country] = 3 }));
            Assert.That(synced.Fields, Is.EquivalentTo(new Dictionary<string, string?>
            {
                [CustomerFieldNames.Phone] = "555-0199", [CustomerFieldNames.City] = "Berlin", [CustomerFieldNames.Country] = "DE",
            }), "the written fields as the account poller will read them (the country as alpha-2 again)");
            Assert.That(synced.ModifiedAt, Is.EqualTo(new DateTimeOffset(now.ModifiedDate, TimeSpan.Zero)), "Znode's modified date after the write (Znode:TimeZone UTC)");
            Assert.That(now.ModifiedDate, Is.GreaterThan(ann.ModifiedDate), "the write moved it");
        });
    }

    [Test]
    public async Task Should_skip_fields_written_at_a_higher_revision()
    {
        var ann = Ann();
        await _host.LinkAsync("cus_ann", ann.UserId, version: 1);

        await _host.Harness.Bus.Publish(Sync("cus_ann", 5, new() { [CustomerFieldNames.Phone] = "555-0500" }));
        await _host.ReceivedAsync<ZnodeAccountSynced>();
        // An older command, redelivered or reordered: its phone is older than what Znode has; its name is not.
        await _host.Harness.Bus.Publish(Sync("cus_ann", 4, new() { [CustomerFieldNames.Phone] = "555-0400", [CustomerFieldNames.Name] = "Ann Marie Lee" }));
        var synced = await _host.ReceivedAsync<ZnodeAccountSynced>(2);

        var now = _host.Znode.Store.FindUser(ann.UserId)!;
        Assert.Multiple(() =>
        {
            Assert.That(synced[1].Revision, Is.EqualTo(4));
            Assert.That(synced[1].FieldsSkipped, Is.EqualTo(new[] { CustomerFieldNames.Phone }));
            Assert.That(synced[1].FieldsWritten, Is.EqualTo(new[] { CustomerFieldNames.Name }));
            Assert.That(now.PhoneNumber, Is.EqualTo("555-0500"), "the newer phone stays");
            Assert.That((now.FirstName, now.LastName), Is.EqualTo(("Ann Marie", "Lee")), "the last word is the last name");
        });
    }

    [Test]
    public async Task Should_find_an_unlinked_account_by_email_and_give_it_a_billing_address()
    {
        _host.Znode.CreateUser(new ZnodeUserSpec { Email = "other@maple.example" });
        var bo = _host.Znode.CreateUser(new ZnodeUserSpec { Email = "Bo@Maple.example", FirstName = "Bo", LastName = null });

        await _host.Harness.Bus.Publish(Sync("cus_bo", 1, new()
        {
            [CustomerFieldNames.Name] = "Bo", [CustomerFieldNames.Email] = "bo@maple.example", [CustomerFieldNames.AddressLine1] = "9 Dock Rd",
            [CustomerFieldNames.City] = "Toledo", [CustomerFieldNames.Region] = "OH", [CustomerFieldNames.PostalCode] = "43601", [CustomerFieldNames.Country] = "US",
        }));
        var synced = (await _host.ReceivedAsync<ZnodeAccountSynced>()).Single();

        var now = _host.Znode.Store.FindUser(bo.UserId)!;
        var link = await _host.LinkOfAsync("cus_bo");
        Assert.Multiple(() =>
        {
            Assert.That((synced.ZnodeUserId, synced.MatchedBy), Is.EqualTo(((int?)bo.UserId, SyncZnodeAccountConsumer.ByEmail)));
            Assert.That(now.Email, Is.EqualTo("bo@maple.example"));
            Assert.That(now.Addresses.Single(a => a.IsDefaultBilling) is { Address1: "9 Dock Rd", CityName: "Toledo", PostalCode: "43601", CountryName: "USA" }, Is.True);
            Assert.That((link!.ZnodeUserId, link.Version), Is.EqualTo(((int?)bo.UserId, 0L)), "kept until the saga's link copy arrives");
        });
    }

    [Test]
    public async Task Should_answer_with_no_account_when_none_has_the_email()
    {
        var ann = Ann();

        await _host.Harness.Bus.Publish(Sync("cus_nobody", 1, new() { [CustomerFieldNames.Email] = "nobody@maple.example", [CustomerFieldNames.Phone] = "555-0000" }));
        var synced = (await _host.ReceivedAsync<ZnodeAccountSynced>()).Single();

        Assert.Multiple(() =>
        {
            Assert.That((synced.ZnodeUserId, synced.MatchedBy), Is.EqualTo(((int?)null, SyncZnodeAccountConsumer.ByNone)));
            Assert.That(synced.FieldsWritten, Is.Empty);
            Assert.That(_host.Znode.Store.FindUser(ann.UserId)!.ModifiedDate, Is.EqualTo(ann.ModifiedDate), "nothing written anywhere");
        });
    }
}
