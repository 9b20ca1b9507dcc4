using MassTransit;
using Payments.Contracts.Shared;
using Payments.Contracts.StripeSubscription;
using Payments.Simulators.Stripe;
using Payments.Simulators.Stripe.Account;

namespace Payments.StripeService.Tests.StripeSubscription;

/// <summary>
/// A paid subscription invoice read whole through Stripe.net against the fake: every line past the ten an invoice embeds, prices,
/// products and their names, proration lines of a mid-cycle change, the paying PaymentIntent and charge, yen without decimals.
/// </summary>
[TestFixture]
public class When_describing_a_subscription_invoice
{
    StripeServiceHost _service = null!;
    StripeAccount _stripe = null!;
    string _customerId = null!;

    [SetUp]
    public async Task Start()
    {
        _service = await StripeServiceHost.StartAsync(fake: new StripeApiFakeOptions { SeedBillingCatalog = true });
        _stripe = _service.Stripe.Account;
        _customerId = (string)_stripe.CreateCustomer(new CustomerFields { Email = "ap@acme-supply.example", Name = "Acme Supply Co" })["id"]!;
    }

    [TearDown]
    public async Task Stop() => await _service.DisposeAsync();

    JsonSubscription Subscribe(params SubscriptionItemFields[] items) =>
        new(_stripe.CreateSubscription(new SubscriptionFields { Customer = _customerId, Items = items }));

    sealed record JsonSubscription(System.Text.Json.Nodes.JsonObject Json)
    {
        public string Id => (string)Json["id"]!;
        public string LatestInvoice => (string)Json["latest_invoice"]!;
        public string FirstItem => (string)Json["items"]!["data"]![0]!["id"]!;
        public long PeriodStart => (long)Json["items"]!["data"]![0]!["current_period_start"]!;
        public long PeriodEnd => (long)Json["items"]!["data"]![0]!["current_period_end"]!;
    }

    async Task<SubscriptionInvoice> DescribeAsync(string subscriptionId, string invoiceId)
    {
        await _service.Harness.Bus.Publish(new DescribeSubscriptionInvoice
        {
            CorrelationId = CorrelationKey.StripeSubscription(subscriptionId).ToGuid(), SubscriptionId = subscriptionId, InvoiceId = invoiceId,
        });
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var faults = _service.Harness.Published.Select<Fault<DescribeSubscriptionInvoice>>().ToList();
            if (faults.Count > 0) Assert.Fail("fault: " + faults[0].Context.Message.Exceptions[0].Message);
            if (_service.Harness.Consumed.Select<SubscriptionInvoiceDescribed>().Select(m => m.Context.Message).FirstOrDefault(m => m.Invoice.InvoiceId == invoiceId) is { } described)
                return described.Invoice;
            await Task.Delay(100);
        }
        Assert.Fail("no SubscriptionInvoiceDescribed");
        return null!;
    }

    [Test]
    public async Task Should_read_every_line_past_the_first_page_with_prices_products_and_the_payment()
    {
        var items = new List<SubscriptionItemFields>();
        for (var n = 1; n <= 23; n++)
        {
            var product = _stripe.CreateProduct(new ProductFields { Name = $"Add-on {n}" });
            var price = _stripe.CreatePrice(new PriceFields { Product = (string)product["id"]!, UnitAmount = 100 * n, Currency = "usd", Recurring = new PriceRecurrence("month") });
            items.Add(new SubscriptionItemFields((string)price["id"]!));
        }
        var subscription = Subscribe([.. items]);

        var invoice = await DescribeAsync(subscription.Id, subscription.LatestInvoice);
        var payment = _stripe.List("invoice_payment").Single();
        var intentId = (string)payment["payment"]!["payment_intent"]!;
        var listed = _service.Stripe.Requests.Where(r => r.Path == $"/v1/invoices/{subscription.LatestInvoice}/lines").ToList();

        Assert.Multiple(() =>
        {
            Assert.That(invoice.Lines.Select(l => l.ProductName), Is.EqualTo(Enumerable.Range(1, 23).Select(n => $"Add-on {n}")));
            Assert.That(invoice.Lines.Select(l => l.AmountMinor).Sum(), Is.EqualTo(invoice.TotalMinor).And.EqualTo(27_600L));
            Assert.That(invoice.Lines.Select(l => l.PriceId), Is.EqualTo(items.Select(i => i.Price)));
            Assert.That(invoice.Lines, Has.All.Matches<SubscriptionInvoiceLine>(l => !l.Proration && l.Quantity == 1 && l.ProductId!.StartsWith("prod_")));
            Assert.That(listed, Has.Count.EqualTo(1), "the 13 lines after the embedded ten in one page of 100");
            Assert.That((invoice.SubscriptionId, invoice.StripeCustomerId, invoice.CustomerEmail), Is.EqualTo((subscription.Id, _customerId, "ap@acme-supply.example")));
            Assert.That((invoice.Currency, invoice.AmountPaidMinor, invoice.BillingReason), Is.EqualTo(("USD", 27_600L, "subscription_create")));
            Assert.That(invoice.PaymentIntentId, Is.EqualTo(intentId));
            Assert.That(invoice.ChargeId, Is.EqualTo((string?)_stripe.Get(intentId)!["latest_charge"]).And.StartWith("ch_"));
            Assert.That(invoice.PaidAt, Is.Not.Null);
            Assert.That(invoice.PeriodEnd, Is.EqualTo(DateTimeOffset.FromUnixTimeSeconds(subscription.PeriodEnd)));
        });
    }

    [Test]
    public async Task Should_describe_the_proration_lines_of_a_mid_cycle_upgrade()
    {
        var subscription = Subscribe(new SubscriptionItemFields(StripeAccount.BillingCatalog.SupportPlanMonthlyUsd));
        var halfWay = subscription.PeriodStart + (subscription.PeriodEnd - subscription.PeriodStart) / 2;
        var changed = new JsonSubscription(_stripe.UpdateSubscription(subscription.Id, new SubscriptionChange
        {
            Items = [new SubscriptionItemChange(subscription.FirstItem, StripeAccount.BillingCatalog.SupportPlusMonthlyUsd, null)],
            ProrationBehavior = "always_invoice", ProrationDate = halfWay,
        }));

        var invoice = await DescribeAsync(subscription.Id, changed.LatestInvoice);

        Assert.Multiple(() =>
        {
            Assert.That(invoice.BillingReason, Is.EqualTo("subscription_update"));
            Assert.That(invoice.Lines.Select(l => (l.AmountMinor, l.Proration, l.PriceId, l.ProductName)), Is.EqualTo(new[]
            {
                (-2_450L, true, StripeAccount.BillingCatalog.SupportPlanMonthlyUsd, "Support plan"),
                (4_950L, true, StripeAccount.BillingCatalog.SupportPlusMonthlyUsd, "Support plan plus"),
            }));
            Assert.That(invoice.Lines[0].PeriodStart, Is.EqualTo(DateTimeOffset.FromUnixTimeSeconds(halfWay)));
            Assert.That(invoice.TotalMinor, Is.EqualTo(2_500L));
        });
    }

    [Test]
    public async Task Should_describe_a_yen_invoice_in_whole_yen()
    {
        var subscription = Subscribe(new SubscriptionItemFields(StripeAccount.BillingCatalog.SupportPlanMonthlyJpy, 3));

        var invoice = await DescribeAsync(subscription.Id, subscription.LatestInvoice);

        Assert.Multiple(() =>
        {
            Assert.That((invoice.Currency, invoice.TotalMinor, invoice.AmountPaidMinor), Is.EqualTo(("JPY", 15_000L, 15_000L)));
            Assert.That(invoice.Lines.Single().Quantity, Is.EqualTo(3m));
            Assert.That((long?)_stripe.Get(invoice.ChargeId!)!["amount"], Is.EqualTo(15_000L));
        });
    }

    [Test]
    public async Task Should_refuse_an_invoice_that_is_not_paid()
    {
        var subscription = Subscribe(new SubscriptionItemFields(StripeAccount.BillingCatalog.SupportPlanMonthlyUsd));
        var failed = _stripe.RenewSubscription(subscription.Id, "pm_card_chargeDeclined");

        await _service.Harness.Bus.Publish(new DescribeSubscriptionInvoice
        {
            CorrelationId = CorrelationKey.StripeSubscription(subscription.Id).ToGuid(), SubscriptionId = subscription.Id, InvoiceId = (string)failed["id"]!,
        });

        Assert.That(await _service.PublishedAsync<Fault<DescribeSubscriptionInvoice>>(), Is.True);
        Assert.That(_service.Harness.Published.Select<Fault<DescribeSubscriptionInvoice>>().Single().Context.Message.Exceptions[0].Message,
            Does.Contain("is open, not paid"));
    }
}
