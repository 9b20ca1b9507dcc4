using Payments.Contracts.CustomerSync;
using Payments.Contracts.Shared;
using Payments.Persistence.Configuration;
using Payments.Simulators.Smtp;
using Payments.Simulators.Znode;
using Payments.Simulators.Znode.Store;
using Payments.ZnodeService.CustomerSync;
using Payments.ZnodeService.Intake;

namespace Payments.ZnodeService.Tests.CustomerSync;

/// <summary>
/// The account poller against the simulator: a Znode account linked to a Stripe customer is reported as
/// <see cref="ZnodeAccountReported"/> once per change (its fields, the default billing address folded, the country as alpha-2,
/// Znode's unzoned modified date read in <c>Znode:TimeZone</c> as UTC), an unlinked one never; a restarted replica reads on from
/// the checkpoint and reports only what changed since (SQLite, and PostgreSQL when PAYMENTS_TEST_POSTGRES is set).
/// </summary>
[TestFixture]
public class When_polling_znode_for_account_changes
{
    ZnodeSimulator _znode = null!;
    SmtpCatcher _mail = null!;
    readonly List<TestDatabase> _databases = [];
    readonly List<ZnodeServiceHost> _hosts = [];

    [SetUp]
    public async Task Start()
    {
        _znode = await ZnodeSimulator.StartAsync(new ZnodeSimulatorOptions { TimeZone = "America/New_York" });
        _mail = await SmtpCatcher.StartAsync();
    }

    [TearDown]
    public async Task Stop()
    {
        foreach (var host in _hosts) await host.DisposeAsync();
        _hosts.Clear();
        foreach (var database in _databases) await database.DisposeAsync();
        _databases.Clear();
        await _mail.DisposeAsync();
        await _znode.DisposeAsync();
    }

    async Task<ZnodeServiceHost> Replica(TestDatabase? database = null, Action<IDictionary<string, string?>>? settings = null)
    {
        if (database is null)
        {
            database = await TestDatabase.Create(DatabaseProvider.Sqlite, "payments_znode_accounts_tests");
            _databases.Add(database);
        }
        var host = await ZnodeServiceHost.StartReplicaAsync(_znode, _mail, database, config =>
        {
            config["Znode:TimeZone"] = "America/New_York";
            settings?.Invoke(config);
        });
        _hosts.Add(host);
        return host;
    }

    static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    static DateTimeOffset Utc(DateTime znodeTime) => ZnodeTime.ToOffset(znodeTime, NewYork).ToUniversalTime();

    [TestCase(DatabaseProvider.Sqlite)]
    [TestCase(DatabaseProvider.Postgres)]
    public async Task Should_report_a_linked_account_once_per_change_and_never_an_unlinked_one(DatabaseProvider provider)
    {
        var database = await TestDatabase.Create(provider, "payments_znode_accounts_tests");
        _databases.Add(database);
        var host = await Replica(database);
        var linked = _znode.CreateUser(new ZnodeUserSpec
        {
            Email = "ann@maple.example", FirstName = "Ann", LastName = "Lee", PhoneNumber = "555-0100",
            BillingAddress = new ZnodeUserAddress { Address1 = "1 Main St", Address2 = "Suite 5", Address3 = "Dock B", CityName = "Columbus", StateName = "OH", PostalCode = "43004", CountryName = "United States" },
        });
        var unlinked = _znode.CreateUser(new ZnodeUserSpec { Email = "bob@maple.example", FirstName = "Bob" });
        await host.LinkAsync("cus_ann", linked.UserId, version: 1);

        var first = await host.PollAccountsAsync();
        var again = await host.PollAccountsAsync();
        var changed = _znode.ChangeUser(linked.UserId, u => u with { PhoneNumber = "555-0199" })!;
        _znode.ChangeUser(unlinked.UserId, u => u with { PhoneNumber = "555-0300" });
        var third = await host.PollAccountsAsync();
        var reports = await host.ReceivedAsync<ZnodeAccountReported>(2);

        Assert.Multiple(() =>
        {
            Assert.That((first.Published, again.Published, third.Published), Is.EqualTo((1, 0, 1)), "once per change");
            Assert.That(reports, Has.Count.EqualTo(2));
            Assert.That(reports.Select(r => r.ZnodeUserId), Is.All.EqualTo(linked.UserId), "the unlinked account is never reported");
            Assert.That(reports.Select(r => r.CorrelationId), Is.All.EqualTo(CorrelationKey.StripeCustomer("cus_ann").ToGuid()));
            Assert.That(reports[0].Fields, Is.EquivalentTo(new Dictionary<string, string?>
            {
                [CustomerFieldNames.Name] = "Ann Lee", [CustomerFieldNames.Email] = "ann@maple.example", [CustomerFieldNames.Phone] = "555-0100",
                [CustomerFieldNames.AddressLine1] = "1 Main St", [CustomerFieldNames.AddressLine2] = "Suite 5, Dock B", [CustomerFieldNames.City] = "Columbus",
                [CustomerFieldNames.Region] = "OH", [CustomerFieldNames.PostalCode] = "43004", [CustomerFieldNames.Country] = "US",
            }));
            Assert.That(reports[0].Created, Is.True);
            Assert.That(reports[0].ModifiedAt, Is.EqualTo(Utc(linked.ModifiedDate)));
            Assert.That(reports[0].ModifiedAt.Offset, Is.EqualTo(TimeSpan.Zero));
            Assert.That(reports[1].Fields[CustomerFieldNames.Phone], Is.EqualTo("555-0199"));
            Assert.That(reports[1].ModifiedAt, Is.EqualTo(Utc(changed.ModifiedDate)));
            Assert.That(reports[1].Created, Is.False);
        });
    }

    [Test]
    public async Task Should_resume_from_its_checkpoint_after_a_restart()
    {
        var database = await TestDatabase.Create(DatabaseProvider.Sqlite, "payments_znode_accounts_tests");
        _databases.Add(database);
        // A short lease: the stopped replica does not give it up (its poller loop never ran), the restarted one takes it once expired.
        static void ShortLease(IDictionary<string, string?> config) => config["Znode:Accounts:LeaseDuration"] = "00:00:01";
        var first = await Replica(database, ShortLease);
        var users = Enumerable.Range(1, 4).Select(i => _znode.CreateUser(new ZnodeUserSpec { Email = $"buyer{i}@maple.example", FirstName = $"Buyer{i}" })).ToList();
        foreach (var (user, i) in users.Select((u, i) => (u, i))) await first.LinkAsync($"cus_{i}", user.UserId, version: 1);

        var round1 = await first.PollAccountsAsync(); // pages of two
        await first.ReceivedAsync<ZnodeAccountReported>(4);
        var checkpoint = await first.CheckpointAsync(ZnodeAccountPoller.LeaseName);
        await first.DisposeAsync();
        _hosts.Remove(first);

        // Restarted without overlap: it reads from the checkpoint, so only the last account of before and the changed one are listed.
        var restarted = await Replica(database, config =>
        {
            ShortLease(config);
            config["Znode:Accounts:Overlap"] = "00:00:00";
        });
        await Task.Delay(1200);
        var changed = _znode.ChangeUser(users[1].UserId, u => u with { LastName = "Renamed" })!;
        var round2 = await restarted.PollAccountsAsync();
        var reports = await restarted.ReceivedAsync<ZnodeAccountReported>();

        Assert.Multiple(() =>
        {
            Assert.That(round1.Published, Is.EqualTo(4));
            Assert.That(checkpoint!.ModifiedThroughUtc, Is.EqualTo(Utc(users[3].ModifiedDate).UtcDateTime));
            // Keyset pages of two from the checkpoint: (the last account of before, the changed one), then (the changed one) again.
            Assert.That((round2.HeldLease, round2.Listed, round2.Published), Is.EqualTo((true, 3, 1)));
            Assert.That(reports.Single().ZnodeUserId, Is.EqualTo(users[1].UserId));
            Assert.That(reports.Single().Fields[CustomerFieldNames.Name], Is.EqualTo("Buyer2 Renamed"));
            Assert.That(reports.Single().ModifiedAt, Is.EqualTo(Utc(changed.ModifiedDate)));
        });
    }

    [Test]
    public async Task Should_not_report_an_account_whose_link_was_removed()
    {
        var host = await Replica();
        var user = _znode.CreateUser(new ZnodeUserSpec { Email = "gone@maple.example" });
        await host.LinkAsync("cus_gone", user.UserId, version: 1);
        await host.LinkAsync("cus_gone", user.UserId, version: 2, unlinked: true);
        await host.LinkAsync("cus_gone", null, version: 1); // an older copy arriving late changes nothing

        var round = await host.PollAccountsAsync();
        var link = await host.LinkOfAsync("cus_gone");

        Assert.Multiple(() =>
        {
            Assert.That(round.Published, Is.Zero);
            Assert.That((link!.Version, link.Unlinked, link.ZnodeUserId), Is.EqualTo((2L, true, (int?)user.UserId)));
        });
    }
}
