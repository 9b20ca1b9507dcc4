using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Payments.Simulators.Znode;
using Payments.Simulators.Znode.Store;

namespace Payments.Simulators.Tests.Znode;

/// <summary>
/// Shoppers' accounts in the simulated Znode API: the user read and listed by modified date (unzoned dates on the store's clock,
/// paging, 204 when none), the whole-model update (a field left out is cleared; 500 with an empty body for a user that is not
/// there), the address book with one default billing address, every write moving the user's modified date; and the control hooks.
/// </summary>
[TestFixture]
public class When_reading_and_writing_znode_accounts
{
    ManualTimeProvider _clock = null!;
    ZnodeSimulator _znode = null!;
    ZnodeApiClient _api = null!;

    [SetUp]
    public async Task Start()
    {
        _clock = ManualTimeProvider.At("2026-03-02T14:00:00Z");
        _znode = await ZnodeSimulator.StartAsync(new ZnodeSimulatorOptions { TimeZone = "America/Chicago" }, _clock);
        _api = new ZnodeApiClient(_znode);
    }

    [TearDown]
    public async Task Stop()
    {
        _api.Dispose();
        await _znode.DisposeAsync();
    }

    ZnodeUser Ann() => _znode.CreateUser(new ZnodeUserSpec
    {
        Email = "ann@maple.example", FirstName = "Ann", LastName = "Lee", PhoneNumber = "555-0100",
        BillingAddress = new ZnodeUserAddress { Address1 = "1 Main St", CityName = "Columbus", StateName = "OH", PostalCode = "43004", CountryName = "US" },
    });

    [Test]
    public async Task Should_read_a_user_with_unzoned_dates_and_answer_204_for_none()
    {
        var ann = Ann();

        var found = await _api.GetAsync($"/useraccounts/{ann.UserId}/1");
        var otherPortal = await _api.GetAsync($"/useraccounts/{ann.UserId}/2");
        var missing = await _api.GetAsync("/useraccounts/999/1");

        var user = found.Body!["User"]!;
        Assert.Multiple(() =>
        {
            Assert.That(found.Status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((string?)user["Email"], Is.EqualTo("ann@maple.example"));
            Assert.That((string?)user["FullName"], Is.EqualTo("Ann Lee"));
            Assert.That((string?)user["ModifiedDate"], Is.EqualTo("2026-03-02T08:00:00"), "Chicago's clock, no zone");
            Assert.That((bool?)user["Addresses"]![0]!["IsDefaultBilling"], Is.True);
            Assert.That((otherPortal.Status, otherPortal.Text), Is.EqualTo((HttpStatusCode.NoContent, "")));
            Assert.That((missing.Status, missing.Text), Is.EqualTo((HttpStatusCode.NoContent, "")));
        });
    }

    [Test]
    public async Task Should_list_users_changed_since_a_date_sorted_and_paged()
    {
        var ann = Ann();
        _clock.Advance(TimeSpan.FromMinutes(1));
        var bo = _znode.CreateUser(new ZnodeUserSpec { Email = "bo@maple.example" });
        _clock.Advance(TimeSpan.FromMinutes(1));
        _znode.ChangeBillingAddress(ann.UserId, a => a with { CityName = "Dayton" }); // an address change moves the user's date too

        var changed = await _api.GetAsync("/customeraccount/list/1?filter=ModifiedDate~ge~2026-03-02T08:01:00&sort=ModifiedDate~asc&page=index~1,size~1");
        var none = await _api.GetAsync("/customeraccount/list/1?filter=ModifiedDate~gt~2026-03-02T09:00:00");
        var byEmail = await _api.GetAsync("/customeraccount/list/1?filter=Email~eq~BO@maple.example");

        Assert.Multiple(() =>
        {
            Assert.That(changed.Body!["Users"]!.AsArray().Select(u => (int)u!["UserId"]!), Is.EqualTo(new[] { bo.UserId }));
            Assert.That(((int?)changed.Body["TotalResults"], (int?)changed.Body["TotalPages"]), Is.EqualTo(((int?)2, (int?)2)));
            Assert.That(none.Status, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(byEmail.Body!["Users"]!.AsArray().Select(u => (int)u!["UserId"]!), Is.EqualTo(new[] { bo.UserId }));
            Assert.That(_znode.Store.FindUser(ann.UserId)!.ModifiedDate, Is.EqualTo(new DateTime(2026, 3, 2, 8, 2, 0)));
        });
    }

    [Test]
    public async Task Should_update_the_whole_user_model_and_answer_500_with_no_body_for_a_missing_user()
    {
        var ann = Ann();
        _clock.Advance(TimeSpan.FromMinutes(5));

        var updated = await _api.PutAsync("/customeraccount/update", new { UserId = ann.UserId, Email = "ann.lee@maple.example", FirstName = "Ann" });
        var missing = await _api.PutAsync("/customeraccount/update", new { UserId = 999, Email = "x@example.com" });

        var now = _znode.Store.FindUser(ann.UserId)!;
        Assert.Multiple(() =>
        {
            Assert.That(updated.Status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((string?)updated.Body!["User"]!["Email"], Is.EqualTo("ann.lee@maple.example"), "the request echoed");
            Assert.That((now.Email, now.UserName, now.FirstName, now.LastName, now.PhoneNumber), Is.EqualTo(("ann.lee@maple.example", "ann.lee@maple.example", "Ann", (string?)null, (string?)null)),
                "what the model left out is cleared; the sign-in name follows the e-mail");
            Assert.That(now.ModifiedDate, Is.EqualTo(new DateTime(2026, 3, 2, 8, 5, 0)));
            Assert.That((missing.Status, missing.Text), Is.EqualTo((HttpStatusCode.InternalServerError, "")));
        });
    }

    [Test]
    public async Task Should_keep_one_default_billing_address()
    {
        var ann = Ann();
        var first = ann.Addresses.Single();

        var created = await _api.PostAsync("/customer/createcustomeraddress", new { UserId = ann.UserId, Address1 = "9 Dock Rd", CityName = "Toledo", IsDefaultBilling = true });
        var changed = await _api.PutAsync("/customer/updatecustomeraddress", new { UserId = ann.UserId, AddressId = first.AddressId, Address1 = "2 Main St", CityName = "Columbus" });
        var unknown = await _api.PutAsync("/customer/updatecustomeraddress", new { UserId = ann.UserId, AddressId = 424242, Address1 = "x" });
        var list = await _api.GetAsync($"/customer/addresslist?filter=UserId~eq~{ann.UserId}");

        var rows = list.Body!["AddressList"]!["AddressList"]!.AsArray();
        Assert.Multiple(() =>
        {
            Assert.That(created.Status, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(changed.Status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(((int)unknown.Status, (int?)unknown.Body!["ErrorCode"]), Is.EqualTo((500, (int?)6)));
            Assert.That(rows.Select(r => ((string?)r!["Address1"], (bool)r["IsDefaultBilling"]!)),
                Is.EqualTo(new[] { ("2 Main St", false), ("9 Dock Rd", true) }), "the new default billing address takes the flag");
        });
    }

    [Test]
    public async Task Should_create_and_change_users_through_the_control_api()
    {
        using var control = new ControlClient(_znode.BaseUrl);

        var (created, user) = await control.PostAsync("/_sim/users", new { email = "cy@maple.example", firstName = "Cy", billingAddress = new { address1 = "5 Elm St", countryName = "USA" } });
        var id = (int)user!["userId"]!;
        _clock.Advance(TimeSpan.FromMinutes(1));
        using var patched = await control.Http.PatchAsJsonAsync($"/_sim/users/{id}", new { phoneNumber = "555-0123", billingAddress = new { cityName = "Akron" } });
        var (_, read) = await control.GetAsync($"/_sim/users/{id}");
        using var missing = await control.Http.PatchAsJsonAsync("/_sim/users/999", new { phoneNumber = "1" });

        Assert.Multiple(() =>
        {
            Assert.That(created, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(patched.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(((string?)read!["email"], (string?)read["phoneNumber"]), Is.EqualTo(("cy@maple.example", "555-0123")));
            Assert.That(((string?)read["addresses"]![0]!["address1"], (string?)read["addresses"]![0]!["cityName"]), Is.EqualTo(("5 Elm St", "Akron")));
            Assert.That((string?)read["modifiedDate"], Does.StartWith("2026-03-02T08:01:00"));
            Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }
}
