using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Payments.Cli;
using Payments.Contracts.CustomerSync;
using Payments.Simulators.P21.Store;
using Payments.Simulators.Stripe.Account;
using Payments.Simulators.Znode.Store;

namespace Payments.Integration.Tests.Flows.CustomerSync;

/// <summary>
/// One customer across Stripe, P21 and Znode through the gateway, saga host, P21 service, Znode service and Stripe service, each its own
/// process on RabbitMQ: the Stripe fake sends its signed <c>customer.*</c> events to the gateway, the Znode service polls the Znode
/// simulator's accounts (every second here). P21 and Znode must carry what Stripe says, Stripe what Znode says of the address, each write
/// once; a customer P21 cannot take waits in the fault queue with nothing written until it is fixed at its source.
/// </summary>
[TestFixture]
[NonParallelizable]
public class When_a_customer_is_synced_through_the_service_processes : FlowFixture
{
    const string SyncP21CustomerErrorQueue = "sync-p21-customer_error";
    const string SagasProject = "Payments.Sagas";

    [OneTimeSetUp]
    public async Task ConnectStripe()
    {
        foreach (var queue in new[] { "customer-state", "sync-p21-customer", "sync-znode-account", "update-stripe-customer" })
            await Broker.WaitForConsumerAsync(queue, Within);
        // The alert of a quarantined customer, seen on the fixture's observer queue beside FlowCompleted and FlowFailed.
        await Broker.DeclareObserverAsync(typeof(CustomerQuarantined));
        // P21's answers, to see the redriven old command answered as superseded.
        await Broker.DeclareObserverAsync(typeof(P21CustomerSynced));
        Stripe.Webhooks.Configure(Gateway.BaseUrl + "/webhooks/stripe", WebhookSecret);
    }

    [Test]
    public async Task Should_carry_Stripes_changes_to_P21_and_Znode_and_a_Znode_address_change_to_Stripe_once()
    {
        // The shopper registered in the Znode store before they became a Stripe customer (same e-mail); P21 does not know them yet.
        var email = NewEmail();
        var user = Znode.Store.CreateUser(new ZnodeUserSpec
        {
            Email = email, FirstName = "Pat", LastName = "Maple",
            BillingAddress = new ZnodeUserAddress { FirstName = "Pat", LastName = "Maple", Address1 = "12 Old Rd", CityName = "Dayton", StateName = "OH", PostalCode = "45402", CountryName = "US" },
        });
        var customerId = (string)Stripe.Account.CreateCustomer(new CustomerFields
        {
            Email = email, Name = "Maple Hardware Ltd", Address = Address("200 Main St", "Columbus", "43215"),
        })["id"]!;
        await WaitUntilAsync(() => P21CustomerOf(email) is { CustomerName: "Maple Hardware Ltd", MailAddress1: "200 Main St" }, "the P21 customer created");

        Stripe.Account.UpdateCustomer(customerId, new CustomerFields { Name = "Maple Hardware and Supply", Address = Address("300 High St", "Cincinnati", "45202") });
        await WaitUntilAsync(() => P21CustomerOf(email) is { CustomerName: "Maple Hardware and Supply", MailAddress1: "300 High St", MailCity: "Cincinnati", MailPostalCode: "45202" },
            "the P21 customer updated");
        await WaitUntilAsync(() => ZnodeNameOf(user.UserId) == "Maple Hardware and Supply" && BillingOf(user.UserId) is { Address1: "300 High St", CityName: "Cincinnati", PostalCode: "45202" },
            "the Znode account updated");
        // The saga links the customers when P21's and Znode's answers reach it, which is after their stores show the change.
        await WaitUntilAsync(() => CustomerRowAsync(customerId).GetAwaiter().GetResult() is { P21CustomerId: not null, ZnodeUserId: not null },
            "the link record naming the P21 customer and the Znode user");
        var row = await CustomerRowAsync(customerId);
        Assert.Multiple(() =>
        {
            Assert.That(P21.Store.Customers.Count(c => c.EmailAddress == email), Is.EqualTo(1), "one P21 customer for the e-mail");
            Assert.That(row?.CurrentState, Is.EqualTo("Active"));
            Assert.That(row?.P21CustomerId, Is.EqualTo(P21CustomerOf(email)!.CustomerId), "the link record names the P21 customer");
            Assert.That(row?.ZnodeUserId, Is.EqualTo(user.UserId), "and the Znode user found by e-mail");
        });

        // The shopper moves their billing address in the Znode store: the account poller reports it, Stripe and P21 take it.
        var changedAt = DateTimeOffset.UtcNow;
        Znode.Store.SaveAddress(user.UserId, BillingOf(user.UserId)! with { Address1 = "45 Harbor Way", CityName = "Toledo", PostalCode = "43604" });
        await WaitUntilAsync(() => (string?)Stripe.Account.Get(customerId)?["address"]?["line1"] == "45 Harbor Way", "the Stripe customer's address updated");
        await WaitUntilAsync(() => P21CustomerOf(email) is { MailAddress1: "45 Harbor Way", MailCity: "Toledo" }, "the P21 customer's address updated");
        // Our own writes come back (Stripe's customer.updated, Znode's modified account): nothing more may be written.
        var queues = await Broker.WaitUntilDrainedAsync(Within);
        await Task.Delay(TimeSpan.FromSeconds(3));
        var updates = Stripe.Requests.Where(r => r.At >= changedAt && r.Method == "POST" && r.Path == $"/v1/customers/{customerId}").ToList();
        var stripeCustomer = Stripe.Account.Get(customerId)!;
        Assert.Multiple(() =>
        {
            Assert.That(updates, Has.Count.EqualTo(1), "one update of the Stripe customer");
            Assert.That(updates.Select(u => u.IdempotencyKey), Has.All.StartWith($"customer-sync:{customerId}:r"), "with the saga's idempotency key");
            Assert.That((string?)stripeCustomer["address"]?["city"], Is.EqualTo("Toledo"));
            Assert.That((string?)stripeCustomer["address"]?["postal_code"], Is.EqualTo("43604"));
            Assert.That((string?)stripeCustomer["name"], Is.EqualTo("Maple Hardware and Supply"), "the name is Stripe's own");
            Assert.That(P21CustomerOf(email)!.MailPostalCode, Is.EqualTo("43604"));
            AssertNothingLeft(queues);
        });
    }

    [Test]
    public async Task Should_quarantine_a_customer_P21_cannot_take_with_nothing_written_and_sync_it_once_fixed_in_Stripe()
    {
        var email = NewEmail();
        const string tooLong = "Northwestern Industrial Fasteners and Fittings Company of Ohio"; // 62 characters; P21's customer_name takes 50
        var customerId = (string)Stripe.Account.CreateCustomer(new CustomerFields { Email = email, Name = tooLong, Address = Address("9 Bolt Ave", "Akron", "44308") })["id"]!;

        var quarantined = await WaitForPublishedAsync<CustomerQuarantined>(m => m.GetProperty("stripeCustomerId").GetString() == customerId, $"customer {customerId} quarantined");
        var faulted = (await Broker.WaitForMessagesAsync(SyncP21CustomerErrorQueue, 1, Within)).Single();
        var headers = faulted.GetProperty("properties").GetProperty("headers");
        var row = await CustomerRowAsync(customerId);
        Assert.Multiple(() =>
        {
            Assert.That(quarantined.GetProperty("system").GetString(), Is.EqualTo("P21"));
            Assert.That(quarantined.GetProperty("step").GetString(), Is.EqualTo(nameof(SyncP21Customer)));
            Assert.That(quarantined.GetProperty("reason").GetString(), Does.Contain("customer_name").And.Contain("(50)"));
            Assert.That(Header(headers, "MT-Fault-Message"), Does.Contain("nothing was written").And.Contain("longer than P21's customer_name takes (50)"),
                "the reason in the fault queue");
            Assert.That(Header(headers, "Payments-Failure-Kind"), Is.EqualTo("permanent"));
            Assert.That(faulted.GetProperty("payload").GetString(), Does.Contain(customerId));
            Assert.That(P21CustomerOf(email), Is.Null, "nothing written in P21");
            Assert.That((row?.CurrentState, row?.QuarantinedSystem, row?.QuarantinedStep), Is.EqualTo(("Quarantined", "P21", nameof(SyncP21Customer))));
        });

        // Fixed where it belongs, in Stripe: the update goes through with a higher revision and the customer is active again.
        Stripe.Account.UpdateCustomer(customerId, new CustomerFields { Name = "Northwestern Fasteners" });
        await WaitUntilAsync(() => P21CustomerOf(email) is { CustomerName: "Northwestern Fasteners", MailAddress1: "9 Bolt Ave" }, "the fixed customer created in P21");
        await WaitUntilAsync(() => CustomerRowAsync(customerId).GetAwaiter().GetResult()?.CurrentState == "Active", "the customer active again");

        // The operator redrives the old command as well. It carries the old name, but every field it would write was written by the fix's
        // higher revision: the P21 service answers it as skipped whole, without checking or writing, and the customer stays active.
        var (redriven, output) = await RunPaymentsCommandAsync("faults", "redrive", SyncP21CustomerErrorQueue, "--all");
        Assert.That(redriven, Is.EqualTo(ExitCodes.Done), output);
        var answered = await WaitForPublishedAsync<P21CustomerSynced>(
            m => m.GetProperty("stripeCustomerId").GetString() == customerId && m.GetProperty("revision").GetInt64() == 1, $"the redriven command of {customerId} answered");
        await WaitUntilAsync(() => CustomerRowAsync(customerId).GetAwaiter().GetResult() is { CurrentState: "Active" }, "the customer still active");
        var after = await CustomerRowAsync(customerId);
        Assert.Multiple(() =>
        {
            Assert.That(output, Does.Contain($"from {SyncP21CustomerErrorQueue}"));
            Assert.That(answered.GetProperty("fieldsWritten").GetArrayLength(), Is.Zero, "nothing written by the old command");
            Assert.That(answered.GetProperty("fieldsSkipped").EnumerateArray().Select(f => f.GetString()), Does.Contain(CustomerFieldNames.Name));
            Assert.That(P21.Store.Customers.Where(c => c.EmailAddress == email).Select(c => (c.CustomerName, c.MailAddress1)),
                Is.EqualTo(new[] { ("Northwestern Fasteners", "9 Bolt Ave") }), "one P21 customer, the fix not overwritten");
            Assert.That((after?.CurrentState, after?.QuarantinedSystem, after?.QuarantinedRevision), Is.EqualTo(("Active", (string?)null, (long?)null)),
                "the redriven old command does not quarantine the customer again");
            Assert.That(after?.P21CustomerId, Is.EqualTo(P21CustomerOf(email)!.CustomerId), "the link kept");
        });
    }

    static string NewEmail() => $"buyer.{Guid.NewGuid():N}@maple-hardware.example";

    static Dictionary<string, string> Address(string line1, string city, string postalCode) => new()
    {
        ["line1"] = line1, ["city"] = city, ["state"] = "OH", ["postal_code"] = postalCode, ["country"] = "US",
    };

    P21CustomerRecord? P21CustomerOf(string email) => P21.Store.Customers.SingleOrDefault(c => string.Equals(c.EmailAddress, email, StringComparison.OrdinalIgnoreCase));

    string? ZnodeNameOf(int userId) => Znode.Store.FindUser(userId) is { } u ? string.Join(' ', new[] { u.FirstName, u.LastName }.Where(n => !string.IsNullOrEmpty(n))) : null;

    ZnodeUserAddress? BillingOf(int userId) => Znode.Store.FindUser(userId)?.Addresses.SingleOrDefault(a => a.IsDefaultBilling);

    /// <summary>The link record (table <c>CustomerState</c>, pinned columns), as <c>payments customers show</c> reads it.</summary>
    async Task<CustomerRow?> CustomerRowAsync(string customerId)
    {
        await using var sagas = OpenServiceDatabase(SagasProject);
        return await sagas.Database.SqlQuery<CustomerRow>(
                $"""SELECT "StripeCustomerId", "CurrentState", "P21CustomerId", "ZnodeUserId", "QuarantinedSystem", "QuarantinedStep", "QuarantinedRevision" FROM "CustomerState" WHERE "StripeCustomerId" = {customerId}""")
            .SingleOrDefaultAsync();
    }

    // The fixture's observer queue holds announcements the tests read when they need them (P21's answers among them), not work left undone.
    static void AssertNothingLeft(IReadOnlyList<QueueView> queues) =>
        Assert.That(queues.Where(q => q.Messages > 0 && q.Name != "flow-tests-observer").Select(q => $"{q.Name}: {q.Messages}"), Is.Empty, "messages left in queues");

    static string? Header(JsonElement headers, string name) =>
        headers.TryGetProperty(name, out var value) ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.ToString() : null;

    sealed class CustomerRow
    {
        public string StripeCustomerId { get; set; } = "";
        public string CurrentState { get; set; } = "";
        public long? P21CustomerId { get; set; }
        public int? ZnodeUserId { get; set; }
        public string? QuarantinedSystem { get; set; }
        public string? QuarantinedStep { get; set; }
        public long? QuarantinedRevision { get; set; }
    }
}
