using System.Net;
using Payments.Simulators.Stripe;
using Stripe;
using Stripe.Checkout;

namespace Payments.Simulators.Tests.Stripe;

/// <summary>
/// A shop on Stripe Checkout keeps its order lines on the Checkout Session, not on the charge: the fake serves products, prices,
/// sessions and their line items in Stripe's shapes, through Stripe.net.
/// </summary>
[TestFixture]
public class When_a_shop_sells_through_Stripe_Checkout
{
    StripeApiFake _fake = null!;
    StripeClient _client = null!;
    ControlClient _control = null!;

    [SetUp]
    public async Task Start()
    {
        _fake = await StripeApiFake.StartAsync();
        _client = StripeClients.For(_fake);
        _control = new ControlClient(_fake.BaseUrl);
    }

    [TearDown]
    public async Task Stop()
    {
        _control.Dispose();
        await _fake.DisposeAsync();
    }

    /// <summary>A catalogue price (product with a P21 item in its metadata) and a line priced on the fly with product_data, as shops do both.</summary>
    async Task<Session> OpenSessionAsync()
    {
        var product = await _client.V1.Products.CreateAsync(new ProductCreateOptions { Name = "Widget", Metadata = new() { ["p21_item_id"] = "WIDGET-001" } });
        var price = await _client.V1.Prices.CreateAsync(new PriceCreateOptions { Product = product.Id, UnitAmount = 2_500, Currency = "usd" });
        return await _client.V1.Checkout.Sessions.CreateAsync(new SessionCreateOptions
        {
            Mode = "payment",
            SuccessUrl = "https://shop.example/thanks",
            CustomerEmail = "ap@acme-supply.example",
            LineItems =
            [
                new SessionLineItemOptions { Price = price.Id, Quantity = 2 },
                new SessionLineItemOptions
                {
                    Quantity = 1,
                    PriceData = new SessionLineItemPriceDataOptions
                    {
                        Currency = "usd", UnitAmount = 2_499,
                        ProductData = new SessionLineItemPriceDataProductDataOptions { Name = "Gadget", Metadata = new() { ["p21_item_id"] = "GADGET-200" } },
                    },
                },
            ],
        });
    }

    [Test]
    public async Task Should_open_a_session_with_its_total_and_no_payment_yet()
    {
        var session = await OpenSessionAsync();

        Assert.Multiple(() =>
        {
            Assert.That(session.Id, Does.StartWith("cs_test_"));
            Assert.That((session.Status, session.PaymentStatus, session.Mode), Is.EqualTo(("open", "unpaid", "payment")));
            Assert.That(session.AmountTotal, Is.EqualTo(7_499));
            Assert.That(session.Currency, Is.EqualTo("usd"));
            Assert.That(session.PaymentIntentId, Is.Null, "Stripe makes the PaymentIntent when the customer pays");
        });
    }

    [Test]
    public async Task Should_find_the_paid_session_by_its_payment_intent_and_list_its_lines_with_prices_and_products()
    {
        var opened = await OpenSessionAsync();
        var (paid, body) = await _control.PostAsync($"/_sim/checkout/sessions/{opened.Id}/complete", new { name = "Acme Supply Co" });
        var chargeId = (string)body!["charge"]!["id"]!;
        var paymentIntentId = (string)body["charge"]!["payment_intent"]!;

        var sessions = await _client.V1.Checkout.Sessions.ListAsync(new SessionListOptions { PaymentIntent = paymentIntentId });
        var lines = await _client.V1.Checkout.Sessions.LineItems.ListAsync(opened.Id, new SessionLineItemListOptions { Expand = ["data.price.product"] });
        var charge = await _client.V1.Charges.GetAsync(chargeId);

        Assert.Multiple(() =>
        {
            Assert.That(paid, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(sessions.Data.Select(s => s.Id), Is.EqualTo(new[] { opened.Id }));
            var session = sessions.Data.Single();
            Assert.That((session.Status, session.PaymentStatus), Is.EqualTo(("complete", "paid")));
            Assert.That(session.CustomerDetails.Email, Is.EqualTo("ap@acme-supply.example"));
            Assert.That(session.CustomerDetails.Name, Is.EqualTo("Acme Supply Co"));
            Assert.That((charge.Amount, charge.Currency, charge.BillingDetails.Email), Is.EqualTo((7_499L, "usd", "ap@acme-supply.example")));
            Assert.That(charge.Metadata, Is.Empty, "a Checkout shop's lines are on the session, not on the charge");
            Assert.That(lines.Object, Is.EqualTo("list"));
            Assert.That(lines.Data.Select(l => (l.Description, l.Quantity, l.Price.UnitAmount, l.AmountTotal)),
                Is.EqualTo(new[] { ("Widget", (long?)2, (long?)2_500, 5_000L), ("Gadget", 1, 2_499, 2_499) }));
            Assert.That(lines.Data.Select(l => l.Price.Product.Metadata["p21_item_id"]), Is.EqualTo(new[] { "WIDGET-001", "GADGET-200" }));
            Assert.That(lines.Data.Select(l => l.Id), Is.All.StartWith("li_"));
        });
    }

    [Test]
    public async Task Should_page_through_the_lines_in_the_sessions_order()
    {
        var opened = await OpenSessionAsync();

        var lines = new List<LineItem>();
        await foreach (var line in _client.V1.Checkout.Sessions.LineItems.ListAutoPagingAsync(opened.Id, new SessionLineItemListOptions { Limit = 1 }))
            lines.Add(line);
        var firstPage = await _client.V1.Checkout.Sessions.LineItems.ListAsync(opened.Id, new SessionLineItemListOptions { Limit = 1 });

        Assert.Multiple(() =>
        {
            Assert.That(lines.Select(l => l.Description), Is.EqualTo(new[] { "Widget", "Gadget" }));
            Assert.That(firstPage.HasMore, Is.True);
            Assert.That(lines.Select(l => l.Price.ProductId), Is.All.StartWith("prod_"), "not expanded unless asked");
        });
    }

    [Test]
    public void Should_refuse_what_Checkout_would_refuse()
    {
        var unknown = Assert.ThrowsAsync<StripeException>(() => _client.V1.Checkout.Sessions.LineItems.ListAsync("cs_test_nope"))!;
        var subscription = Assert.ThrowsAsync<StripeException>(() => _client.V1.Checkout.Sessions.CreateAsync(new SessionCreateOptions
        {
            Mode = "subscription", LineItems = [new SessionLineItemOptions { Price = "price_x", Quantity = 1 }],
        }))!;
        var unknownPrice = Assert.ThrowsAsync<StripeException>(() => _client.V1.Checkout.Sessions.CreateAsync(new SessionCreateOptions
        {
            Mode = "payment", LineItems = [new SessionLineItemOptions { Price = "price_nope", Quantity = 1 }],
        }))!;

        Assert.Multiple(() =>
        {
            Assert.That(unknown.HttpStatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(unknown.StripeError.Code, Is.EqualTo("resource_missing"));
            Assert.That(subscription.StripeError.Param, Is.EqualTo("mode"));
            Assert.That(unknownPrice.StripeError.Param, Is.EqualTo("line_items[0][price]"));
        });
    }

    [Test]
    public async Task Should_complete_a_session_from_CSharp_with_a_chosen_charge_and_emit_its_events()
    {
        var product = _fake.Account.CreateProduct(new Simulators.Stripe.Account.ProductFields { Name = "Widget" });
        var price = _fake.Account.CreatePrice(new Simulators.Stripe.Account.PriceFields { Product = (string)product["id"]!, UnitAmount = 1_000, Currency = "eur" });
        var session = _fake.Account.CreateCheckoutSession(new Simulators.Stripe.Account.CheckoutSessionFields
        {
            Lines = [new Simulators.Stripe.Account.CheckoutLine { Price = (string)price["id"]!, Quantity = 3 }],
        });

        var charge = _fake.Account.CompleteCheckoutSession((string)session["id"]!, new ChargeSpec { BillingEmail = "buyer@example.com" });
        var again = Assert.Throws<Simulators.Stripe.Api.StripeApiException>(() => _fake.Account.CompleteCheckoutSession((string)session["id"]!))!;

        Assert.Multiple(() =>
        {
            Assert.That((charge.Amount, charge.Currency), Is.EqualTo((3_000L, "eur")));
            Assert.That((string?)_fake.Account.Get((string)session["id"]!)!["payment_intent"], Is.EqualTo(charge.PaymentIntentId));
            Assert.That(_fake.Account.Events.Select(e => e.Type).Take(2), Is.EqualTo(new[] { "checkout.session.completed", "charge.succeeded" }));
            Assert.That(again.Message, Does.Contain("no longer open"));
        });
    }
}
