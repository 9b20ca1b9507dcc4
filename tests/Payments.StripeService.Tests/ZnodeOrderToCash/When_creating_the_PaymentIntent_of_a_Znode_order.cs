using System.Globalization;
using System.Text.Json.Nodes;
using MassTransit;
using MassTransit.Testing;
using Payments.Contracts.Shared;
using Payments.Contracts.ZnodeOrderToCash;
using Payments.ServiceDefaults.Failures;
using Payments.Simulators.Stripe;
using Payments.Simulators.Stripe.Account;
using Payments.StripeService.ZnodeOrderToCash;
using SimulatedFault = Payments.Simulators.Shared.Faults.Fault;

namespace Payments.StripeService.Tests.ZnodeOrderToCash;

[TestFixture]
public class When_creating_the_PaymentIntent_of_a_Znode_order
{
    StripeServiceHost _service = null!;

    [SetUp]
    public async Task Start() => _service = await StripeServiceHost.StartAsync();

    [TearDown]
    public async Task Stop() => await _service.DisposeAsync();

    static CreateZnodeOrderPaymentIntent Order(string orderNumber = "ZN-1001", string? email = "ann.lee@acme.example", string? currency = "USD",
        decimal total = 108.250000m) => new()
        {
            CorrelationId = CorrelationKey.ZnodeOrder(orderNumber).ToGuid(),
            OrderNumber = orderNumber,
            OmsOrderId = 1001,
            Shopper = new ZnodeShopper { UserId = 77, Email = email, FirstName = "Ann", LastName = "Lee" },
            CurrencyCode = currency,
            Total = total,
            BillingAddress = new ZnodeAddress
            {
                FirstName = "Ann", LastName = "Lee", CompanyName = "Acme Supply", Address1 = "1 Main St", Address2 = "Suite 200", Address3 = "Dock 4",
                CityName = "Columbus", StateName = "OH", PostalCode = "43004", CountryName = "US", PhoneNumber = "+1 614 555 0100",
            },
            ShippingAddress = new ZnodeAddress { FirstName = "Bob", LastName = "Ray", Address1 = "9 Dock Rd", CityName = "Toledo", StateName = "OH", PostalCode = "43601", CountryName = "us" },
        };

    IReadOnlyList<StripeApiRequest> Requests(string method, string path) =>
        [.. _service.Stripe.Requests.Where(r => r.Method == method && r.Path == path)];

    IReadOnlyList<JsonObject> Objects(string type) => [.. _service.Stripe.Account.List(type)];

    async Task<ZnodeOrderPaymentIntentCreated> CreatedAsync()
    {
        Assert.That(await _service.ConsumedAsync<ZnodeOrderPaymentIntentCreated>(), Is.True, () => "no ZnodeOrderPaymentIntentCreated; faults: " +
            string.Join(" | ", _service.Harness.Published.Select<Fault<CreateZnodeOrderPaymentIntent>>().Select(f => f.Context.Message.Exceptions.First().Message)));
        return _service.Harness.Consumed.Select<ZnodeOrderPaymentIntentCreated>().Single().Context.Message;
    }

    [Test]
    public async Task Should_create_the_customer_with_the_folded_address_and_a_PaymentIntent_carrying_the_order_number()
    {
        var order = Order();
        await _service.Harness.Bus.Publish(order);

        var created = await CreatedAsync();
        var intent = Objects("payment_intent").Single();
        var customer = Objects("customer").Single();
        Assert.Multiple(() =>
        {
            Assert.That(created.CorrelationId, Is.EqualTo(order.CorrelationId));
            Assert.That((created.PaymentIntentId, created.StripeCustomerId, created.CustomerCreated), Is.EqualTo(((string)intent["id"]!, (string)customer["id"]!, true)));
            Assert.That((created.AmountMinor, created.Currency), Is.EqualTo((10_825L, "USD")));
            Assert.That(created.ClientSecret, Is.EqualTo((string)intent["client_secret"]!).And.StartWith(created.PaymentIntentId + "_secret_"));
            Assert.That(((long)intent["amount"]!, (string)intent["currency"]!, (string?)intent["customer"]), Is.EqualTo((10_825L, "usd", created.StripeCustomerId)));
            Assert.That((string?)intent["metadata"]!["znode_order_number"], Is.EqualTo("ZN-1001"));
            Assert.That((string?)customer["email"], Is.EqualTo("ann.lee@acme.example"));
            Assert.That((string?)customer["name"], Is.EqualTo("Ann Lee (Acme Supply)"));
            Assert.That(customer["address"]!.ToJsonString(), Is.EqualTo(new JsonObject
            {
                ["city"] = "Columbus", ["country"] = "US", ["line1"] = "1 Main St", ["line2"] = "Suite 200, Dock 4", ["postal_code"] = "43004", ["state"] = "OH",
            }.ToJsonString()));
            Assert.That((string?)customer["shipping"]?["name"], Is.EqualTo("Bob Ray"));
            Assert.That((string?)customer["shipping"]?["address"]?["country"], Is.EqualTo("US"));
            Assert.That((string?)customer["metadata"]!["znode_user_id"], Is.EqualTo("77"));
            Assert.That(Requests("POST", "/v1/payment_intents").Single().IdempotencyKey, Is.EqualTo("znode-order-pi:ZN-1001"));
            Assert.That(Requests("POST", "/v1/customers").Single().IdempotencyKey, Is.EqualTo("znode-order-customer:ZN-1001"));
        });
    }

    [TestCase("USD", "108.250000", 10_825L)]
    [TestCase("JPY", "12345.000000", 12_345L)]
    [TestCase("KWD", "12.340000", 12_340L)]
    public async Task Should_charge_the_total_in_the_currencys_minor_units(string currency, string total, long minor)
    {
        await _service.Harness.Bus.Publish(Order(currency: currency, total: decimal.Parse(total, CultureInfo.InvariantCulture)));

        var created = await CreatedAsync();
        var intent = Objects("payment_intent").Single();
        Assert.That((created.AmountMinor, created.Currency, (long)intent["amount"]!, (string)intent["currency"]!),
            Is.EqualTo((minor, currency, minor, currency.ToLowerInvariant())));
    }

    [Test]
    public async Task Should_pay_as_the_customer_Stripe_already_has_for_the_e_mail()
    {
        var existing = (string)_service.Stripe.Account.CreateCustomer(new CustomerFields { Email = "ann.lee@acme.example", Name = "Ann" })["id"]!;

        await _service.Harness.Bus.Publish(Order());

        var created = await CreatedAsync();
        Assert.That((created.StripeCustomerId, created.CustomerCreated), Is.EqualTo((existing, false)));
        Assert.That(Objects("customer"), Has.Count.EqualTo(1));
        Assert.That((string?)Objects("payment_intent").Single()["customer"], Is.EqualTo(existing));
    }

    [TestCase(null, "USD", "10.00", "the order has no shopper e-mail")]
    [TestCase("ann.lee-at-acme", "USD", "10.00", "'ann.lee-at-acme' is not an e-mail address")]
    [TestCase("ann.lee@acme.example", "XYZ", "10.00", "Stripe does not accept payments in XYZ")]
    [TestCase("ann.lee@acme.example", "USD", "0", "the order total 0 USD is not positive")]
    [TestCase(null, "XYZ", "-1", "the order has no shopper e-mail; Stripe does not accept payments in XYZ")]
    public async Task Should_quarantine_bad_data_with_the_reason_before_any_Stripe_call(string? email, string currency, string total, string reason)
    {
        await _service.Harness.Bus.Publish(Order(email: email, currency: currency, total: decimal.Parse(total, CultureInfo.InvariantCulture)));

        Assert.That(await _service.PublishedAsync<Fault<CreateZnodeOrderPaymentIntent>>(), Is.True);
        var fault = _service.Harness.Published.Select<Fault<CreateZnodeOrderPaymentIntent>>().Single().Context.Message;
        Assert.Multiple(() =>
        {
            Assert.That(fault.Exceptions.Single().ExceptionType, Is.EqualTo(typeof(PermanentFailureException).FullName));
            Assert.That(fault.Exceptions.Single().Message, Does.StartWith("Znode order ZN-1001 was not sent to Stripe: " + reason));
            Assert.That(_service.Stripe.Requests, Is.Empty, "nothing may reach Stripe, not even a look-up");
            Assert.That(_service.Harness.Consumed.Select<ZnodeOrderPaymentIntentCreated>().Any(), Is.False);
        });
    }

    [Test]
    public async Task Should_find_the_PaymentIntent_after_a_call_whose_answer_was_lost_and_not_create_a_second()
    {
        // Stripe creates the PaymentIntent, then the connection drops: the consumer sees a network failure and retries.
        _service.Stripe.DropAfterApplying("payment_intents.create");

        await _service.Harness.Bus.Publish(Order());

        var created = await CreatedAsync();
        Assert.Multiple(() =>
        {
            Assert.That(Objects("payment_intent").Select(p => (string)p["id"]!), Is.EqualTo(new[] { created.PaymentIntentId }));
            Assert.That(Objects("customer"), Has.Count.EqualTo(1));
            Assert.That(Requests("POST", "/v1/payment_intents"), Has.Count.EqualTo(1), "the retry found the PaymentIntent by its order number");
            Assert.That(Requests("GET", "/v1/payment_intents"), Has.Count.EqualTo(2));
        });
    }

    [Test]
    public async Task Should_get_the_same_PaymentIntent_by_its_key_when_the_look_up_misses_it()
    {
        _service.Stripe.DropAfterApplying("payment_intents.create");
        // The retry's look-up does not see it either (as when the customer has more PaymentIntents than one page holds): only the
        // idempotency key stands between the retry and a second PaymentIntent.
        _service.Stripe.Faults.FailNext("payment_intents.list", new SimulatedFault
        {
            Status = 200, Body = """{"object": "list", "data": [], "has_more": false, "url": "/v1/payment_intents"}""",
        }, after: 1);

        await _service.Harness.Bus.Publish(Order());

        var created = await CreatedAsync();
        var creates = Requests("POST", "/v1/payment_intents");
        Assert.Multiple(() =>
        {
            Assert.That(Objects("payment_intent").Select(p => (string)p["id"]!), Is.EqualTo(new[] { created.PaymentIntentId }));
            Assert.That(creates, Has.Count.EqualTo(2));
            Assert.That(creates.Select(c => c.IdempotencyKey), Is.All.EqualTo("znode-order-pi:ZN-1001"));
            Assert.That(creates[1].Replayed, Is.True, "Stripe's stored answer, not a new PaymentIntent");
        });
    }

    [Test]
    public async Task Should_answer_a_redelivered_command_with_the_same_PaymentIntent()
    {
        var order = Order();
        var consumer = _service.Harness.GetConsumerHarness<CreateZnodeOrderPaymentIntentConsumer>();

        await _service.Harness.Bus.Publish(order);
        Assert.That(await _service.ConsumedAsync<ZnodeOrderPaymentIntentCreated>(), Is.True);
        await _service.Harness.Bus.Publish(order);
        var consumed = 0;
        await foreach (var _ in consumer.Consumed.SelectAsync<CreateZnodeOrderPaymentIntent>())
            if (++consumed == 2) break;
        for (var wait = 0; wait < 300 && _service.Harness.Consumed.Select<ZnodeOrderPaymentIntentCreated>().Count() < 2; wait++)
            await Task.Delay(100);
        var announced = _service.Harness.Consumed.Select<ZnodeOrderPaymentIntentCreated>().Select(m => m.Context.Message).ToList();
        Assert.That(_service.Harness.Published.Select<Fault<CreateZnodeOrderPaymentIntent>>().Select(f => f.Context.Message.Exceptions.First().Message), Is.Empty);
        Assert.Multiple(() =>
        {
            Assert.That(announced, Has.Count.EqualTo(2));
            Assert.That(announced.Select(m => m.PaymentIntentId).Distinct().Count(), Is.EqualTo(1));
            Assert.That(announced[1].CustomerCreated, Is.False);
            Assert.That(Objects("payment_intent"), Has.Count.EqualTo(1));
            Assert.That(Objects("customer"), Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task Should_let_the_charge_of_the_PaymentIntent_carry_the_order_number()
    {
        await _service.Harness.Bus.Publish(Order());
        var created = await CreatedAsync();

        // The shopper pays: Stripe copies the PaymentIntent's metadata onto its charge, which is how the gateway routes a charge.succeeded.
        var paid = _service.Stripe.Account.ConfirmPaymentIntent(created.PaymentIntentId, "pm_card_visa", null);

        Assert.That((string?)paid.Charge!["metadata"]!["znode_order_number"], Is.EqualTo("ZN-1001"));
    }
}
