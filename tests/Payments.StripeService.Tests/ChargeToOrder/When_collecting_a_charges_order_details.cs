using MassTransit;
using MassTransit.Testing;
using Payments.Contracts.ChargeToOrder;
using Payments.Contracts.Shared;
using Payments.Simulators.Stripe;
using Payments.Simulators.Stripe.Account;
using InjectedFault = Payments.Simulators.Shared.Faults.Fault;

namespace Payments.StripeService.Tests.ChargeToOrder;

/// <summary>
/// A shop on Stripe Checkout keeps its lines on the Checkout Session, and a charge may name only a Stripe Customer: the Stripe service
/// completes the payment's details from the Stripe fake, through Stripe.net, before anything is posted. No lines anywhere stops the payment
/// with the reason; a line the configuration does not map to a P21 item is never guessed.
/// </summary>
[TestFixture]
public class When_collecting_a_charges_order_details
{
    StripeServiceHost _service = null!;

    async Task StartAsync(Action<IDictionary<string, string?>>? settings = null) => _service = await StripeServiceHost.StartAsync(settings);

    [TearDown]
    public async Task Stop()
    {
        if (_service is not null) await _service.DisposeAsync();
    }

    StripeAccount Stripe => _service.Stripe.Account;

    /// <summary>
    /// A Checkout Session paid by the customer: a catalogue price whose product names its P21 item in metadata, and a price of another
    /// product with a lookup key (mapped in configuration). Returns the charge as Stripe made it.
    /// </summary>
    ChargeSpec PayCheckoutSession(bool tagged = true, string? customerId = null, string? typedEmail = null)
    {
        var widget = Stripe.CreateProduct(new ProductFields
        {
            Name = "Widget", Metadata = tagged ? MetadataUpdate.Set(new Dictionary<string, string> { ["p21_item_id"] = "WIDGET-001" }) : null,
        });
        var widgetPrice = Stripe.CreatePrice(new PriceFields { Product = (string)widget["id"]!, UnitAmount = 2_500, Currency = "usd" });
        var gadget = Stripe.CreateProduct(new ProductFields { Name = "Gadget" });
        var gadgetPrice = Stripe.CreatePrice(new PriceFields { Product = (string)gadget["id"]!, UnitAmount = 2_499, Currency = "usd", LookupKey = "gadget-standard" });
        var session = Stripe.CreateCheckoutSession(new CheckoutSessionFields
        {
            Customer = customerId,
            Lines =
            [
                new CheckoutLine { Price = (string)widgetPrice["id"]!, Quantity = 2 },
                new CheckoutLine { Price = (string)gadgetPrice["id"]!, Quantity = 1 },
            ],
        });
        return Stripe.CompleteCheckoutSession((string)session["id"]!, new ChargeSpec
        {
            BillingEmail = typedEmail ?? (customerId is null ? "buyer@acme-supply.example" : null), BillingName = "Acme Supply Co",
            ShippingAddress = new StripeAddress { Line1 = "1 Dock Rd", City = "Springfield", State = "IL", PostalCode = "62701", Country = "US" },
        }, emit: false);
    }

    static CollectChargeOrderDetails Command(string chargeId, string? paymentIntentId, long amount, string? email = null, string? customerId = null,
        IReadOnlyList<OrderLine>? lines = null) => new()
        {
            CorrelationId = CorrelationKey.StripePayment(paymentIntentId, chargeId).ToGuid(),
            Payment = new PaymentDetails
            {
                ChargeId = chargeId, PaymentIntentId = paymentIntentId, AmountMinor = amount, Currency = "USD", CustomerEmail = email,
                StripeCustomerId = customerId, Lines = lines ?? [], PaidAt = DateTimeOffset.UtcNow,
            },
        };

    static CollectChargeOrderDetails Command(ChargeSpec charge, bool withEmail = true) =>
        Command(charge.Id, charge.PaymentIntentId, charge.Amount, withEmail ? charge.BillingEmail : null, charge.CustomerId);

    /// <summary>What the service published (through its outbox); null when the command faulted instead. 30 s at most.</summary>
    async Task<ChargeOrderDetailsCollected?> CollectedAsync()
    {
        for (var i = 0; i < 300; i++)
        {
            if (_service.Harness.Consumed.Select<ChargeOrderDetailsCollected>().FirstOrDefault() is { } collected) return collected.Context.Message;
            if (_service.Harness.Published.Select<Fault<CollectChargeOrderDetails>>().Any()) return null;
            await Task.Delay(100);
        }
        Assert.Fail("neither collected nor faulted within 30 s");
        return null;
    }

    string FaultReason() => _service.Harness.Published.Select<Fault<CollectChargeOrderDetails>>().Single().Context.Message.Exceptions.First().Message;

    [Test]
    public async Task Should_take_the_lines_from_the_checkout_session_of_the_payment_intent_mapped_to_P21_items()
    {
        await StartAsync(s => s["Stripe:OrderLines:ItemMap:gadget-standard"] = "GADGET-200");
        var charge = PayCheckoutSession();
        var command = Command(charge);

        await _service.Harness.Bus.Publish(command);

        var collected = await CollectedAsync();
        Assert.That(collected, Is.Not.Null, () => FaultReason());
        Assert.Multiple(() =>
        {
            Assert.That(collected!.CorrelationId, Is.EqualTo(command.CorrelationId));
            Assert.That(collected.LinesFrom, Is.EqualTo("checkout-session"));
            Assert.That(collected.Payment.Lines.Select(l => (l.Sku, l.Quantity, l.UnitAmountMinor, l.Description)),
                Is.EqualTo(new[] { ("WIDGET-001", 2m, (long?)2_500, (string?)"Widget"), ("GADGET-200", 1m, 2_499, "Gadget") }));
            Assert.That((collected.Payment.ChargeId, collected.Payment.AmountMinor, collected.Payment.CustomerEmail),
                Is.EqualTo((charge.Id, 7_499L, "buyer@acme-supply.example")));
            Assert.That(collected.CustomerFrom, Is.EqualTo("charge"));
            Assert.That(_service.Stripe.Requests.Count(r => r.Path == "/v1/checkout/sessions" && r.Method == "GET"), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Should_refuse_a_checkout_line_that_maps_to_no_P21_item_and_name_it()
    {
        await StartAsync();
        var charge = PayCheckoutSession(tagged: false);

        await _service.Harness.Bus.Publish(Command(charge));

        Assert.That(await CollectedAsync(), Is.Null, "never posted with a guessed item");
        Assert.Multiple(() =>
        {
            Assert.That(FaultReason(), Does.Contain("map to no P21 item").And.Contain("'Widget'").And.Contain("'Gadget'").And.Contain("Stripe:OrderLines:ItemMap"));
            Assert.That(_service.Harness.Consumed.Select<ChargeOrderDetailsCollected>().Any(), Is.False);
        });
    }

    [Test]
    public async Task Should_stop_with_the_reason_when_the_payment_has_no_lines_anywhere()
    {
        await StartAsync();
        var chargeId = _service.Stripe.CreateCharge(new ChargeSpec { Amount = 5_000, BillingEmail = "ap@acme.example" });
        var paymentIntentId = (string)_service.Stripe.GetCharge(chargeId)!["payment_intent"]!;

        await _service.Harness.Bus.Publish(Command(chargeId, paymentIntentId, 5_000, "ap@acme.example"));

        Assert.That(await CollectedAsync(), Is.Null, "no invented line");
        Assert.Multiple(() =>
        {
            Assert.That(FaultReason(), Does.Contain($"Charge {chargeId} has no order lines")
                .And.Contain($"no Checkout Session for payment intent {paymentIntentId}")
                .And.Contain("Stripe:OrderLines:DefaultItemId"));
            Assert.That(_service.Harness.Published.Select<Fault<CollectChargeOrderDetails>>().Count(), Is.EqualTo(1), "permanent: not retried");
            Assert.That(_service.Stripe.Requests.Count(r => r.Path == "/v1/checkout/sessions"), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Should_post_one_line_of_the_default_item_only_when_configured()
    {
        await StartAsync(s => s["Stripe:OrderLines:DefaultItemId"] = "STRIPE-SALE");
        var chargeId = _service.Stripe.CreateCharge(new ChargeSpec { Amount = 5_000, BillingEmail = "ap@acme.example", PaymentIntentId = null });

        await _service.Harness.Bus.Publish(Command(chargeId, null, 5_000, "ap@acme.example"));

        var collected = await CollectedAsync();
        Assert.That(collected, Is.Not.Null, () => FaultReason());
        Assert.Multiple(() =>
        {
            Assert.That(collected!.LinesFrom, Is.EqualTo("default-item"));
            Assert.That(collected.Payment.Lines.Select(l => (l.Sku, l.Quantity, l.UnitAmountMinor)), Is.EqualTo(new[] { ("STRIPE-SALE", 1m, (long?)5_000) }));
        });
    }

    [Test]
    public async Task Should_fetch_the_stripe_customer_when_the_charge_names_only_its_id()
    {
        await StartAsync();
        var customer = Stripe.CreateCustomer(new CustomerFields
        {
            Email = "ap@birch-builders.example", Name = "Birch Builders",
            Address = new Dictionary<string, string> { ["line1"] = "9 Mill Lane", ["city"] = "Portland", ["state"] = "OR", ["postal_code"] = "97201", ["country"] = "US" },
        });
        var customerId = (string)customer["id"]!;
        var chargeId = _service.Stripe.CreateCharge(new ChargeSpec { Amount = 5_000, CustomerId = customerId, BillingEmail = null, BillingName = null });
        var lines = new[] { new OrderLine { Sku = "WIDGET-001", Quantity = 2 } };

        await _service.Harness.Bus.Publish(Command(chargeId, null, 5_000, customerId: customerId, lines: lines));

        var collected = await CollectedAsync();
        Assert.That(collected, Is.Not.Null, () => FaultReason());
        Assert.Multiple(() =>
        {
            Assert.That((collected!.CustomerFrom, collected.LinesFrom), Is.EqualTo(("stripe-customer", "charge")));
            Assert.That((collected.Payment.CustomerEmail, collected.Payment.CustomerName), Is.EqualTo(("ap@birch-builders.example", "Birch Builders")));
            Assert.That(collected.Payment.ShippingAddress, Is.EqualTo(new Address
            {
                Name = "Birch Builders", Line1 = "9 Mill Lane", City = "Portland", State = "OR", PostalCode = "97201", Country = "US",
            }));
            Assert.That(collected.Payment.Lines, Is.EqualTo(lines), "the charge's own lines stay");
            Assert.That(_service.Stripe.Requests.Count(r => r.Path == $"/v1/customers/{customerId}"), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Should_go_on_without_the_customer_when_Stripe_deleted_it()
    {
        await StartAsync();
        var customerId = (string)Stripe.CreateCustomer(new CustomerFields { Email = "gone@example.com" })["id"]!;
        Stripe.DeleteCustomer(customerId);
        var chargeId = _service.Stripe.CreateCharge(new ChargeSpec { Amount = 5_000, CustomerId = customerId, BillingEmail = null, PaymentIntentId = null });

        await _service.Harness.Bus.Publish(Command(chargeId, null, 5_000, customerId: customerId, lines: [new OrderLine { Sku = "WIDGET-001" }]));

        var collected = await CollectedAsync();
        Assert.That(collected, Is.Not.Null, () => FaultReason());
        Assert.That((collected!.CustomerFrom, collected.Payment.CustomerEmail), Is.EqualTo(((string?)null, (string?)null)));
    }

    [Test]
    public async Task Should_take_the_email_typed_on_the_checkout_page_when_the_customer_has_none()
    {
        await StartAsync(s => s["Stripe:OrderLines:ItemMap:gadget-standard"] = "GADGET-200");
        var customerId = (string)Stripe.CreateCustomer(new CustomerFields { Name = "No Mail Ltd" })["id"]!;
        var charge = PayCheckoutSession(customerId: customerId, typedEmail: "typed@no-mail.example");

        // The charge event carried no e-mail (a payment method without billing e-mail); the session kept what the customer typed.
        await _service.Harness.Bus.Publish(Command(charge, withEmail: false));

        var collected = await CollectedAsync();
        Assert.That(collected, Is.Not.Null, () => FaultReason());
        Assert.Multiple(() =>
        {
            Assert.That((collected!.CustomerFrom, collected.Payment.CustomerEmail), Is.EqualTo(("checkout-session", "typed@no-mail.example")));
            Assert.That(collected.Payment.CustomerName, Is.EqualTo("No Mail Ltd"), "the Stripe customer's name, read first");
        });
    }

    [Test]
    public async Task Should_retry_when_Stripe_fails_while_reading_the_session()
    {
        await StartAsync(s => s["Stripe:OrderLines:ItemMap:gadget-standard"] = "GADGET-200");
        var charge = PayCheckoutSession();
        _service.Stripe.Faults.FailNext("checkout.sessions.line_items", InjectedFault.Respond(500));

        await _service.Harness.Bus.Publish(Command(charge));

        var collected = await CollectedAsync();
        Assert.That(collected, Is.Not.Null, () => FaultReason());
        Assert.That(collected!.Payment.Lines, Has.Count.EqualTo(2));
    }
}
