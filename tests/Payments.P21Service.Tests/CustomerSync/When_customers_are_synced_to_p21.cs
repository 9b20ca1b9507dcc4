using MassTransit;
using Payments.Contracts.ChargeToOrder;
using Payments.Contracts.CustomerSync;
using Payments.Contracts.Shared;
using Payments.ServiceDefaults.Failures;
using Payments.Simulators.P21.Store;
using F = Payments.Contracts.CustomerSync.CustomerFieldNames;

namespace Payments.P21Service.Tests.CustomerSync;

/// <summary>
/// The customer-sync commands and the link copy on the bus (inbox/outbox on SQLite) against the P21 simulator: bad data refused whole with every
/// reason and nothing written, the redrive after the data is fixed, per-field revisions, and the link copy used by charge-to-order's resolver.
/// </summary>
[TestFixture]
public class When_customers_are_synced_to_p21
{
    P21BusHost<CustomerSagaStandIn> _host = null!;

    [OneTimeSetUp]
    public async Task Start() => _host = await P21BusHost<CustomerSagaStandIn>.StartAsync();

    [OneTimeTearDown]
    public async Task Stop() => await _host.DisposeAsync();

    static Dictionary<string, string?> GoodRecord(string email) => new()
    {
        [F.Name] = "Harbor Tools Ltd", [F.Email] = email, [F.Phone] = "+1 503 555 0142", [F.AddressLine1] = "12 Dock St", [F.City] = "Portland",
        [F.Region] = "OR", [F.PostalCode] = "97209", [F.Country] = "US", [F.TaxIds] = "us_ein:12-3456789",
    };

    static SyncP21Customer Command(string cus, long revision, IReadOnlyDictionary<string, string?> fields, IReadOnlyDictionary<string, string?>? record = null,
        long? p21CustomerId = null) => new()
        {
            CorrelationId = CorrelationKey.StripeCustomer(cus).ToGuid(), StripeCustomerId = cus, P21CustomerId = p21CustomerId, CreateIfMissing = true,
            Fields = fields, Record = record ?? fields, Revision = revision,
        };

    Task<Fault<SyncP21Customer>?> FaultAsync(string cus, long revision) =>
        _host.PublishedAsync<Fault<SyncP21Customer>>(f => f.Message.StripeCustomerId == cus && f.Message.Revision == revision);

    Task<P21CustomerSynced?> SyncedAsync(string cus, long revision) => _host.PublishedAsync<P21CustomerSynced>(m => m.StripeCustomerId == cus && m.Revision == revision);

    [Test]
    public async Task Should_refuse_bad_data_whole_naming_every_problem_and_create_after_the_fix_is_redriven()
    {
        var customersBefore = _host.Simulator.Store.Customers.Count;
        var bad = GoodRecord("buyer@harbor-tools.example");
        bad[F.Name] = new string('H', 60);
        bad[F.PostalCode] = "97209-0000-12";
        bad[F.Country] = "Atlantis";

        await _host.Harness.Bus.Publish(Command("cus_bad", 1, bad));
        var fault = await FaultAsync("cus_bad", 1);

        var exception = fault?.Exceptions.Single();
        Assert.Multiple(() =>
        {
            Assert.That(exception?.ExceptionType, Is.EqualTo(typeof(PermanentFailureException).FullName));
            Assert.That(exception?.Message, Does.Contain("nothing was written").And.Contain("customer_name").And.Contain("mail_postal_code").And.Contain("'Atlantis'"));
            Assert.That(_host.Simulator.Store.Customers, Has.Count.EqualTo(customersBefore), "no customer was created");
        });

        // The data fixed at the source comes back as a later revision, and the redriven command goes through.
        await _host.Harness.Bus.Publish(Command("cus_bad", 2, GoodRecord("buyer@harbor-tools.example")));
        var synced = await SyncedAsync("cus_bad", 2);

        Assert.That(synced, Is.Not.Null);
        var created = _host.Simulator.Store.FindCustomer(synced!.P21CustomerId!.Value)!;
        Assert.Multiple(() =>
        {
            Assert.That((synced.Created, synced.MatchedBy), Is.EqualTo((true, "created")));
            Assert.That(created.CustomerName, Is.EqualTo("Harbor Tools Ltd"));
            Assert.That(created.EmailAddress, Is.EqualTo("buyer@harbor-tools.example"));
            Assert.That(created.CentralPhoneNumber, Is.EqualTo("+1 503 555 0142"));
            Assert.That(created.TaxExemptNumber, Is.EqualTo("us_ein:12-3456789"));
            Assert.That(synced.Fields[F.City], Is.EqualTo("Portland"), "read back from P21");
            Assert.That(synced.Fields[F.CreditTerms], Is.EqualTo("1"), "P21's own field comes back");
            Assert.That(synced.FieldsWritten, Does.Contain(F.Name).And.Contain(F.Email).And.Not.Contain(F.CreditTerms));
        });
    }

    [Test]
    public async Task Should_write_nothing_of_an_update_when_one_field_is_too_long()
    {
        var acme = _host.Simulator.Store.FindCustomer(P21Seed.AcmeCustomerId)!;
        var record = GoodRecord(P21Seed.AcmeEmail);
        var fields = new Dictionary<string, string?> { [F.Name] = "Acme Renamed", [F.City] = new string('C', 51) };

        await _host.Harness.Bus.Publish(Command("cus_acme_long", 3, fields, record, P21Seed.AcmeCustomerId));
        var fault = await FaultAsync("cus_acme_long", 3);

        Assert.That(fault?.Exceptions.Single().Message, Does.Contain("mail_city").And.Contain("51 characters"));
        Assert.That(_host.Simulator.Store.FindCustomer(P21Seed.AcmeCustomerId)!.CustomerName, Is.EqualTo(acme.CustomerName), "the name in the same command is not written");
    }

    [Test]
    public async Task Should_skip_a_field_written_by_a_later_revision()
    {
        var id = _host.Simulator.Store.AddCustomer(new P21CustomerRecord
        {
            CustomerId = 0, CompanyId = "ACME", CustomerName = "Order Test Co", SalesrepId = "1100", DefaultBranch = "10", EmailAddress = "ap@order-test.example",
            MailAddress1 = "1 Main St", MailCity = "Austin", MailPostalCode = "78701", MailCountry = "US",
        }).CustomerId;
        var record = GoodRecord("ap@order-test.example");

        await _host.Harness.Bus.Publish(Command("cus_order", 5, new Dictionary<string, string?> { [F.Phone] = "512-555-0005" }, record, id));
        var newer = await SyncedAsync("cus_order", 5);
        await _host.Harness.Bus.Publish(Command("cus_order", 4, new Dictionary<string, string?> { [F.Phone] = "512-555-0004", [F.City] = "Dallas" }, record, id));
        var older = await SyncedAsync("cus_order", 4);

        var customer = _host.Simulator.Store.FindCustomer(id)!;
        Assert.Multiple(() =>
        {
            Assert.That(newer?.FieldsWritten, Is.EqualTo(new[] { F.Phone }));
            Assert.That(older?.FieldsSkipped, Is.EqualTo(new[] { F.Phone }));
            Assert.That(older?.FieldsWritten, Is.EqualTo(new[] { F.City }), "a field no later revision wrote is written");
            Assert.That(customer.CentralPhoneNumber, Is.EqualTo("512-555-0005"));
            Assert.That(customer.MailCity, Is.EqualTo("Dallas"));
            Assert.That(older?.Fields[F.Phone], Is.EqualTo("512-555-0005"), "what P21 holds is read back");
        });
    }

    [Test]
    public async Task Should_answer_an_old_command_whose_every_field_a_later_revision_wrote_without_checking_or_writing()
    {
        var id = _host.Simulator.Store.AddCustomer(new P21CustomerRecord
        {
            CustomerId = 0, CompanyId = "ACME", CustomerName = "Superseded Co", SalesrepId = "1100", DefaultBranch = "10", EmailAddress = "ap@superseded.example",
            MailAddress1 = "1 Main St", MailCity = "Austin", MailPostalCode = "78701", MailCountry = "US",
        }).CustomerId;
        var record = GoodRecord("ap@superseded.example");

        // Revision 3 (the fix) went through; revision 1 (a name too long for P21) is redriven afterwards.
        await _host.Harness.Bus.Publish(Command("cus_superseded", 3, new Dictionary<string, string?> { [F.Name] = "Superseded Fixed" }, record, id));
        Assert.That(await SyncedAsync("cus_superseded", 3), Is.Not.Null);
        var bad = new Dictionary<string, string?>(record) { [F.Name] = new string('S', 60) };
        await _host.Harness.Bus.Publish(Command("cus_superseded", 1, new Dictionary<string, string?> { [F.Name] = bad[F.Name] }, bad, id));
        var old = await SyncedAsync("cus_superseded", 1);

        Assert.Multiple(() =>
        {
            Assert.That(old, Is.Not.Null, "answered, not failed");
            Assert.That(_host.Published<Fault<SyncP21Customer>>(f => f.Message.StripeCustomerId == "cus_superseded"), Is.Empty);
            Assert.That(old?.FieldsSkipped, Is.EqualTo(new[] { F.Name }));
            Assert.That(old?.FieldsWritten, Is.Empty);
            Assert.That(old?.P21CustomerId, Is.EqualTo(id));
            Assert.That(_host.Simulator.Store.FindCustomer(id)!.CustomerName, Is.EqualTo("Superseded Fixed"), "the later value stays");
        });
    }

    [Test]
    public async Task Should_resolve_a_charge_by_the_link_copy_and_announce_a_customer_found_without_one()
    {
        // Linked to Birch although the payer's e-mail is Acme's: the link wins.
        await _host.Harness.Bus.Publish(new CustomerLinkChanged
        {
            CorrelationId = CorrelationKey.StripeCustomer("cus_linked").ToGuid(), StripeCustomerId = "cus_linked", P21CustomerId = P21Seed.BirchCustomerId,
            Unlinked = false, Version = 2, ChangedAt = DateTimeOffset.UtcNow,
        });
        await _host.PublishedAsync<CustomerLinkChanged>(m => m.StripeCustomerId == "cus_linked");
        await P21BusHost<CustomerSagaStandIn>.EventuallyAsync(() => _host.Harness.Consumed.Select<CustomerLinkChanged>(m => m.Context.Message.Version == 2).FirstOrDefault());
        // An older copy arriving late does not replace it.
        await _host.Harness.Bus.Publish(new CustomerLinkChanged
        {
            CorrelationId = CorrelationKey.StripeCustomer("cus_linked").ToGuid(), StripeCustomerId = "cus_linked", P21CustomerId = P21Seed.AcmeCustomerId,
            Unlinked = false, Version = 1, ChangedAt = DateTimeOffset.UtcNow.AddMinutes(-5),
        });
        await P21BusHost<CustomerSagaStandIn>.EventuallyAsync(() => _host.Harness.Consumed.Select<CustomerLinkChanged>(m => m.Context.Message.Version == 1).FirstOrDefault());

        var linkedOrder = await PostOrderAsync("cus_linked");
        var unlinkedOrder = await PostOrderAsync("cus_unlinked");
        var announced = await _host.PublishedAsync<P21CustomerLinked>(m => m.StripeCustomerId == "cus_unlinked");

        Assert.Multiple(() =>
        {
            Assert.That(linkedOrder?.CustomerId, Is.EqualTo(P21Seed.BirchCustomerId));
            Assert.That(_host.Published<P21CustomerLinked>(m => m.StripeCustomerId == "cus_linked"), Is.Empty, "a linked customer is not announced");
            Assert.That(unlinkedOrder?.CustomerId, Is.EqualTo(P21Seed.AcmeCustomerId));
            Assert.That((announced?.P21CustomerId, announced?.MatchedBy, announced?.FoundFor), Is.EqualTo(((long?)P21Seed.AcmeCustomerId, "email", unlinkedOrder?.ChargeId)));
        });
    }

    async Task<P21OrderPosted?> PostOrderAsync(string cus)
    {
        var payment = P21Harness.Payment(P21Seed.AcmeEmail) with { StripeCustomerId = cus };
        var correlation = CorrelationKey.StripePayment(payment.PaymentIntentId, payment.ChargeId).ToGuid();
        await _host.Harness.Bus.Publish(new PostP21Order { CorrelationId = correlation, Payment = payment });
        return await _host.PublishedAsync<P21OrderPosted>(m => m.ChargeId == payment.ChargeId);
    }
}

/// <summary>Stands for the customer saga and charge-to-order: the answers leave through the service's outbox after the commit.</summary>
public sealed class CustomerSagaStandIn : IConsumer<P21CustomerSynced>, IConsumer<P21CustomerLinked>, IConsumer<P21OrderPosted>
{
    public Task Consume(ConsumeContext<P21CustomerSynced> context) => Task.CompletedTask;
    public Task Consume(ConsumeContext<P21CustomerLinked> context) => Task.CompletedTask;
    public Task Consume(ConsumeContext<P21OrderPosted> context) => Task.CompletedTask;
}
