using System.Net;
using Payments.Simulators.Stripe;
using Payments.Simulators.Stripe.Account;
using Stripe;

namespace Payments.Simulators.Tests.Stripe;

/// <summary>
/// A customer update sent again with the same <c>Idempotency-Key</c> (a redelivered sync command) is one change and one
/// <c>customer.updated</c>; the key with other fields is Stripe's <c>idempotency_error</c>; the event names only what changed.
/// </summary>
[TestFixture]
public class When_updating_customers_with_idempotency_keys
{
    StripeApiFake _fake = null!;
    StripeClient _client = null!;
    ControlClient _control = null!;
    Customer _customer = null!;

    [SetUp]
    public async Task Start()
    {
        _fake = await StripeApiFake.StartAsync();
        _client = StripeClients.For(_fake);
        _control = new ControlClient(_fake.BaseUrl);
        _customer = await _client.V1.Customers.CreateAsync(new CustomerCreateOptions
        {
            Email = "ap@acme-supply.example", Name = "Acme Supply", Address = new AddressOptions { Line1 = "1 Dock Rd", City = "Leeds", Country = "GB" },
        });
    }

    [TearDown]
    public async Task Stop()
    {
        _control.Dispose();
        await _fake.DisposeAsync();
    }

    static CustomerUpdateOptions NewAddress(string city) => new() { Address = new AddressOptions { Line1 = "1 Dock Rd", City = city, Country = "GB" } };

    [Test]
    public async Task Should_apply_a_repeated_update_once_with_one_event()
    {
        var key = new RequestOptions { IdempotencyKey = $"customer-sync:{_customer.Id}:r7" };

        var first = await _client.V1.Customers.UpdateAsync(_customer.Id, NewAddress("York"), key);
        var again = await _client.V1.Customers.UpdateAsync(_customer.Id, NewAddress("York"), key);
        var updates = _fake.Account.Events.Where(e => e.Type == "customer.updated").ToList();

        Assert.Multiple(() =>
        {
            Assert.That(again.Address.City, Is.EqualTo("York"));
            Assert.That(again.StripeResponse.Headers.Contains("Idempotent-Replayed"), Is.True);
            Assert.That(first.StripeResponse.Headers.Contains("Idempotent-Replayed"), Is.False);
            Assert.That(updates, Has.Count.EqualTo(1));
            Assert.That(_fake.Writes.Count(w => w.Path == $"/v1/customers/{_customer.Id}"), Is.EqualTo(1));
            Assert.That((string?)updates[0].Event["request"]!["idempotency_key"], Is.EqualTo(key.IdempotencyKey));
            Assert.That((string?)updates[0].Event["data"]!["previous_attributes"]!["address"]!["city"], Is.EqualTo("Leeds"));
            Assert.That(updates[0].Event["data"]!["previous_attributes"]!.AsObject().Select(p => p.Key), Is.EqualTo(new[] { "address" }),
                "only the fields that changed");
        });
    }

    [Test]
    public async Task Should_refuse_the_key_with_other_fields()
    {
        var key = new RequestOptions { IdempotencyKey = $"customer-sync:{_customer.Id}:r8" };
        await _client.V1.Customers.UpdateAsync(_customer.Id, NewAddress("York"), key);

        var refused = Assert.ThrowsAsync<StripeException>(() => _client.V1.Customers.UpdateAsync(_customer.Id, NewAddress("Hull"), key));
        var customer = await _client.V1.Customers.GetAsync(_customer.Id);

        Assert.Multiple(() =>
        {
            Assert.That(refused!.HttpStatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(refused.StripeError.Type, Is.EqualTo("idempotency_error"));
            Assert.That(customer.Address.City, Is.EqualTo("York"));
        });
    }

    [Test]
    public async Task Should_update_and_delete_a_customer_from_the_control_api()
    {
        var (updated, body) = await _control.PostAsync($"/_sim/customers/{_customer.Id}", new { phone = "+44 113 496 0000" });
        var (deleted, _) = await _control.DeleteAsync($"/_sim/customers/{_customer.Id}");

        Assert.Multiple(() =>
        {
            Assert.That(updated, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((string?)body!["phone"], Is.EqualTo("+44 113 496 0000"));
            Assert.That(deleted, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(_fake.Account.Events.Select(e => e.Type).Take(2), Is.EqualTo(new[] { "customer.deleted", "customer.updated" }));
        });
    }

    [Test]
    public async Task Should_seed_the_billing_catalogue_and_a_subscription_from_the_control_api()
    {
        var (seeded, catalogue) = await _control.PostAsync("/_sim/billing/catalog");
        var (created, subscription) = await _control.PostAsync("/_sim/subscriptions", new
        {
            customerId = _customer.Id, items = new[] { new { price = StripeAccount.BillingCatalog.ExtraSeatMonthlyUsd, quantity = 3 } },
        });
        var invoice = await _client.V1.Invoices.GetAsync((string)subscription!["latest_invoice"]!);

        Assert.Multiple(() =>
        {
            Assert.That(seeded, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(catalogue!.AsArray().Select(o => (string?)o!["id"]), Does.Contain(StripeAccount.BillingCatalog.SupportPlanMonthlyJpy));
            Assert.That(created, Is.EqualTo(HttpStatusCode.Created));
            Assert.That((invoice.Status, invoice.Total), Is.EqualTo(("paid", 4_500L)));
        });
    }
}
