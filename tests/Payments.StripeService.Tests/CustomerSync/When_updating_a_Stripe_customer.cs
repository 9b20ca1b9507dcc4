using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Payments.Contracts.CustomerSync;
using Payments.Contracts.Shared;
using Payments.Contracts.ZnodeOrderToCash;
using Payments.Simulators.Stripe.Account;
using Payments.StripeService.Data;

namespace Payments.StripeService.Tests.CustomerSync;

/// <summary>
/// Fields a Znode account changed go to the Stripe customer: only those fields, once per revision whatever the redeliveries, never
/// over a value written at a higher revision; the link copy decides which customer a Znode shopper pays as.
/// </summary>
[TestFixture]
public class When_updating_a_Stripe_customer
{
    StripeServiceHost _service = null!;
    string _customerId = null!;

    [SetUp]
    public async Task Start()
    {
        _service = await StripeServiceHost.StartAsync();
        _customerId = (string)_service.Stripe.Account.CreateCustomer(new CustomerFields
        {
            Email = "ap@acme-supply.example", Name = "Acme Supply", Phone = "+44 113 496 0000",
            Address = new Dictionary<string, string> { ["line1"] = "1 Dock Rd", ["city"] = "Leeds", ["postal_code"] = "LS1 4AP", ["country"] = "GB" },
        })["id"]!;
    }

    [TearDown]
    public async Task Stop() => await _service.DisposeAsync();

    UpdateStripeCustomer Command(long revision, Dictionary<string, string?> fields) => new()
    {
        CorrelationId = CorrelationKey.StripeCustomer(_customerId).ToGuid(),
        StripeCustomerId = _customerId,
        IdempotencyKey = $"customer-sync:{_customerId}:r{revision}",
        Fields = fields,
        Record = fields,
        Revision = revision,
    };

    /// <summary>The answers so far, once <paramref name="count"/> arrived (or a fault, which fails the test with its reason).</summary>
    async Task<IReadOnlyList<StripeCustomerUpdated>> AnswersAsync(int count)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var faults = _service.Harness.Published.Select<Fault<UpdateStripeCustomer>>().ToList();
            if (faults.Count > 0) Assert.Fail("fault: " + faults[0].Context.Message.Exceptions[0].Message);
            var answers = _service.Harness.Consumed.Select<StripeCustomerUpdated>().Select(m => m.Context.Message).OrderBy(m => m.Revision).ToList();
            if (answers.Count >= count) return answers;
            await Task.Delay(100);
        }
        Assert.Fail($"fewer than {count} StripeCustomerUpdated");
        return [];
    }

    IReadOnlyList<Simulators.Stripe.StripeApiRequest> Updates =>
        [.. _service.Stripe.Requests.Where(r => r.Method == "POST" && r.Path == $"/v1/customers/{_customerId}")];

    async Task<CustomerLink?> LinkAsync()
    {
        using var scope = _service.Host.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<StripeServiceDbContext>().CustomerLinks.AsNoTracking()
            .SingleOrDefaultAsync(l => l.StripeCustomerId == _customerId);
    }

    [Test]
    public async Task Should_write_only_the_given_fields_with_the_commands_idempotency_key()
    {
        await _service.Harness.Bus.Publish(Command(3, new() { [CustomerFieldNames.City] = "York", [CustomerFieldNames.PostalCode] = "YO1 7HH", [CustomerFieldNames.Country] = "United Kingdom" }));

        var answer = (await AnswersAsync(1)).Single();
        var customer = _service.Stripe.Account.Get(_customerId)!;
        var update = Updates.Single();
        var link = await LinkAsync();
        Assert.Multiple(() =>
        {
            Assert.That(answer.FieldsWritten, Is.EqualTo(new[] { CustomerFieldNames.City, CustomerFieldNames.PostalCode, CustomerFieldNames.Country }));
            Assert.That(answer.FieldsSkipped, Is.Empty);
            Assert.That(update.IdempotencyKey, Is.EqualTo($"customer-sync:{_customerId}:r3"));
            Assert.That(update.Form.Select(f => f.Key).Order(), Is.EqualTo(new[] { "address[city]", "address[country]", "address[postal_code]" }));
            Assert.That(((string?)customer["address"]!["city"], (string?)customer["address"]!["postal_code"], (string?)customer["address"]!["country"]),
                Is.EqualTo(("York", "YO1 7HH", "GB")), "the country as Stripe's ISO code");
            Assert.That(((string?)customer["address"]!["line1"], (string?)customer["name"], (string?)customer["email"]), Is.EqualTo(("1 Dock Rd", "Acme Supply", "ap@acme-supply.example")));
            Assert.That(JsonSerializer.Deserialize<Dictionary<string, long>>(link!.FieldRevisions),
                Is.EqualTo(new Dictionary<string, long> { ["City"] = 3, ["Country"] = 3, ["PostalCode"] = 3 }));
        });
    }

    [Test]
    public async Task Should_update_once_when_the_command_comes_again()
    {
        var command = Command(4, new() { [CustomerFieldNames.Name] = "Acme Supply Ltd" });
        await _service.Harness.Bus.Publish(command);
        await AnswersAsync(1);
        await _service.Harness.Bus.Publish(command); // a redelivery with a new message id: the inbox does not know it, Stripe's key does

        var answers = await AnswersAsync(2);
        Assert.Multiple(() =>
        {
            Assert.That(answers.Select(a => a.FieldsWritten.Single()), Is.EqualTo(new[] { CustomerFieldNames.Name, CustomerFieldNames.Name }));
            Assert.That(Updates.Select(u => u.Replayed), Is.EqualTo(new[] { false, true }));
            Assert.That(_service.Stripe.Writes.Count(w => w.Path == $"/v1/customers/{_customerId}"), Is.EqualTo(1));
            Assert.That(_service.Stripe.Account.Events.Count(e => e.Type == "customer.updated"), Is.EqualTo(1));
            Assert.That((string?)_service.Stripe.Account.Get(_customerId)!["name"], Is.EqualTo("Acme Supply Ltd"));
        });
    }

    [Test]
    public async Task Should_skip_a_field_written_at_a_higher_revision()
    {
        await _service.Harness.Bus.Publish(Command(7, new() { [CustomerFieldNames.City] = "York" }));
        await AnswersAsync(1);
        // Revision 6 arrives late (redriven from quarantine, or overtaken): its city is older than what Stripe has, its phone is not.
        await _service.Harness.Bus.Publish(Command(6, new() { [CustomerFieldNames.City] = "Hull", [CustomerFieldNames.Phone] = "+44 1482 000000" }));

        var late = (await AnswersAsync(2)).First(a => a.Revision == 6);
        var customer = _service.Stripe.Account.Get(_customerId)!;
        var link = await LinkAsync();
        Assert.Multiple(() =>
        {
            Assert.That((late.FieldsWritten, late.FieldsSkipped), Is.EqualTo((new[] { CustomerFieldNames.Phone }, new[] { CustomerFieldNames.City })));
            Assert.That(((string?)customer["address"]!["city"], (string?)customer["phone"]), Is.EqualTo(("York", "+44 1482 000000")));
            Assert.That(Updates.Last().Form.Select(f => f.Key), Is.EqualTo(new[] { "phone" }));
            Assert.That(Updates.Last().IdempotencyKey, Is.EqualTo($"customer-sync:{_customerId}:r6:Phone"), "another body, so another key");
            Assert.That(JsonSerializer.Deserialize<Dictionary<string, long>>(link!.FieldRevisions),
                Is.EqualTo(new Dictionary<string, long> { ["City"] = 7, ["Phone"] = 6 }));
        });
    }

    [Test]
    public async Task Should_refuse_a_country_that_is_no_country_and_write_nothing()
    {
        await _service.Harness.Bus.Publish(Command(2, new() { [CustomerFieldNames.City] = "Atlantis", [CustomerFieldNames.Country] = "Atlantis" }));

        Assert.That(await _service.PublishedAsync<Fault<UpdateStripeCustomer>>(), Is.True);
        var fault = _service.Harness.Published.Select<Fault<UpdateStripeCustomer>>().Single().Context.Message;
        Assert.Multiple(() =>
        {
            Assert.That(fault.Exceptions[0].Message, Does.Contain("country 'Atlantis' is not an ISO 3166-1 country"));
            Assert.That(Updates, Is.Empty);
            Assert.That((string?)_service.Stripe.Account.Get(_customerId)!["address"]!["city"], Is.EqualTo("Leeds"));
        });
    }

    [Test]
    public async Task Should_keep_the_newest_link_copy_and_pay_a_linked_Znode_shopper_as_the_linked_customer()
    {
        CustomerLinkChanged Link(long version, int znodeUserId) => new()
        {
            CorrelationId = CorrelationKey.StripeCustomer(_customerId).ToGuid(), StripeCustomerId = _customerId, P21CustomerId = 100198,
            ZnodeUserId = znodeUserId, Unlinked = false, Version = version, ChangedAt = DateTimeOffset.UtcNow,
        };
        await _service.Harness.Bus.Publish(Link(2, 77));
        Assert.That(await _service.ConsumedAsync<CustomerLinkChanged>(), Is.True);
        await _service.Harness.Bus.Publish(Link(1, 55)); // older, arriving late
        for (var i = 0; i < 300 && _service.Harness.Consumed.Select<CustomerLinkChanged>().Count() < 2; i++) await Task.Delay(100);

        var order = new CreateZnodeOrderPaymentIntent
        {
            CorrelationId = CorrelationKey.ZnodeOrder("ZN-2001").ToGuid(), OrderNumber = "ZN-2001", OmsOrderId = 2001,
            Shopper = new ZnodeShopper { UserId = 77, Email = "someone.else@acme.example", FirstName = "Ann", LastName = "Lee" },
            CurrencyCode = "USD", Total = 25.00m,
        };
        await _service.Harness.Bus.Publish(order);
        Assert.That(await _service.ConsumedAsync<ZnodeOrderPaymentIntentCreated>(), Is.True);
        var created = _service.Harness.Consumed.Select<ZnodeOrderPaymentIntentCreated>().Single().Context.Message;
        var link = await LinkAsync();

        Assert.Multiple(() =>
        {
            Assert.That((link!.Version, link.ZnodeUserId, link.P21CustomerId), Is.EqualTo((2L, (int?)77, (long?)100198)));
            Assert.That((created.StripeCustomerId, created.CustomerCreated), Is.EqualTo((_customerId, false)));
            Assert.That(_service.Stripe.Account.List("customer"), Has.Count.EqualTo(1), "no customer made for the shopper's e-mail");
            Assert.That(_service.Stripe.Requests.Where(r => r.Path == "/v1/customers" && r.Method == "GET"), Is.Empty, "no e-mail search");
        });
    }
}
