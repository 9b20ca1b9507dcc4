using System.Net;
using Payments.Simulators.Stripe;
using Payments.Simulators.Stripe.Account;
using Stripe;

namespace Payments.Simulators.Tests.Stripe;

/// <summary>
/// Stripe Billing in the fake, through Stripe.net: a subscription's first invoice charged at once, renewals paid or failed, a
/// mid-cycle change invoiced with proration lines, cancellation now or at the period's end, voiding, lines paged, JPY in whole yen.
/// </summary>
[TestFixture]
public class When_billing_subscriptions
{
    StripeApiFake _fake = null!;
    StripeClient _client = null!;
    ControlClient _control = null!;
    Customer _customer = null!;

    [SetUp]
    public async Task Start()
    {
        _fake = await StripeApiFake.StartAsync(new StripeApiFakeOptions { SeedBillingCatalog = true });
        _client = StripeClients.For(_fake);
        _control = new ControlClient(_fake.BaseUrl);
        _customer = await _client.V1.Customers.CreateAsync(new CustomerCreateOptions { Email = "ap@acme-supply.example", Name = "Acme Supply Co" });
    }

    [TearDown]
    public async Task Stop()
    {
        _control.Dispose();
        await _fake.DisposeAsync();
    }

    Task<Subscription> SubscribeAsync(string price, long quantity = 1, string paymentMethod = "pm_card_visa") =>
        _client.V1.Subscriptions.CreateAsync(new SubscriptionCreateOptions
        {
            Customer = _customer.Id, DefaultPaymentMethod = paymentMethod, Items = [new SubscriptionItemOptions { Price = price, Quantity = quantity }],
        });

    IReadOnlyList<string> EventTypesAfter(int count) =>
        [.. _fake.Account.Events.Reverse().Skip(count).Select(e => e.Type)];

    static void AssertChronological(IReadOnlyList<string> types, params string[] expected)
    {
        // Each expected type after the previous one (other events may come between).
        var at = -1;
        foreach (var type in expected)
        {
            at = types.ToList().FindIndex(at + 1, t => t == type);
            Assert.That(at, Is.Not.EqualTo(-1), $"expected {string.Join(", ", expected)} in this order in {string.Join(", ", types)}");
        }
    }

    [Test]
    public async Task Should_charge_the_first_invoice_and_link_its_payment_through_an_invoice_payment()
    {
        var before = _fake.Account.Events.Count;
        var subscription = await SubscribeAsync(StripeAccount.BillingCatalog.SupportPlanMonthlyUsd, quantity: 2);
        var invoice = await _client.V1.Invoices.GetAsync(subscription.LatestInvoiceId);
        var payments = await _client.V1.InvoicePayments.ListAsync(new InvoicePaymentListOptions { Invoice = invoice.Id });
        var intent = await _client.V1.PaymentIntents.GetAsync(payments.Data.Single().Payment.PaymentIntentId);
        var charge = _fake.Account.Get(intent.LatestChargeId)!;

        Assert.Multiple(() =>
        {
            Assert.That(subscription.Status, Is.EqualTo("active"));
            Assert.That(subscription.Items.Data.Single().CurrentPeriodEnd, Is.EqualTo(subscription.Items.Data.Single().CurrentPeriodStart.AddMonths(1)));
            Assert.That((invoice.Status, invoice.BillingReason, invoice.Total, invoice.AmountPaid), Is.EqualTo(("paid", "subscription_create", 9_800L, 9_800L)));
            Assert.That(invoice.Parent.SubscriptionDetails.SubscriptionId, Is.EqualTo(subscription.Id));
            Assert.That(invoice.Number, Does.EndWith("-0001"));
            Assert.That(invoice.Lines.Data.Single().Pricing.PriceDetails.PriceId, Is.EqualTo(StripeAccount.BillingCatalog.SupportPlanMonthlyUsd));
            Assert.That(invoice.Lines.Data.Single().Pricing.PriceDetails.Product, Is.EqualTo(StripeAccount.BillingCatalog.SupportPlanProduct));
            Assert.That((intent.Status, intent.Amount, intent.CustomerId), Is.EqualTo(("succeeded", 9_800L, _customer.Id)));
            Assert.That(charge.ContainsKey("invoice"), Is.False, "the API version the fake serves has no charge.invoice");
            AssertChronological(EventTypesAfter(before), "customer.subscription.created", "invoice.finalized", "charge.succeeded", "invoice.paid");
        });
    }

    [Test]
    public async Task Should_set_the_legacy_charge_invoice_field_only_when_asked()
    {
        await using var legacy = await StripeApiFake.StartAsync(new StripeApiFakeOptions { SeedBillingCatalog = true, ChargeInvoiceField = true });
        var customer = legacy.Account.CreateCustomer(new CustomerFields { Email = "ap@acme-supply.example" });
        var subscription = legacy.Account.CreateSubscription(new SubscriptionFields
        {
            Customer = (string)customer["id"]!, Items = [new SubscriptionItemFields(StripeAccount.BillingCatalog.SupportPlanMonthlyUsd)],
        });
        var charge = legacy.Account.List("charge").First();

        Assert.That((string?)charge["invoice"], Is.EqualTo((string)subscription["latest_invoice"]!));
    }

    [Test]
    public async Task Should_renew_with_a_paid_invoice_for_the_next_period()
    {
        var subscription = await SubscribeAsync(StripeAccount.BillingCatalog.SupportPlanMonthlyUsd);
        var firstEnd = subscription.Items.Data.Single().CurrentPeriodEnd;

        var (status, renewal) = await _control.PostAsync($"/_sim/subscriptions/{subscription.Id}/renew", new { });
        var invoice = await _client.V1.Invoices.GetAsync((string)renewal!["id"]!);
        var renewed = await _client.V1.Subscriptions.GetAsync(subscription.Id);

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.Created));
            Assert.That((invoice.Status, invoice.BillingReason, invoice.AmountPaid), Is.EqualTo(("paid", "subscription_cycle", 4_900L)));
            Assert.That(invoice.PeriodStart, Is.EqualTo(firstEnd));
            Assert.That(renewed.Items.Data.Single().CurrentPeriodStart, Is.EqualTo(firstEnd));
            Assert.That(renewed.LatestInvoiceId, Is.EqualTo(invoice.Id));
        });
    }

    [Test]
    public async Task Should_fail_a_renewal_with_its_attempt_count_then_take_a_retry_with_another_card()
    {
        var subscription = await SubscribeAsync(StripeAccount.BillingCatalog.SupportPlanMonthlyUsd);
        var before = _fake.Account.Events.Count;

        var (_, renewal) = await _control.PostAsync($"/_sim/subscriptions/{subscription.Id}/renew", new { paymentMethod = "pm_card_chargeDeclinedInsufficientFunds" });
        var failed = await _client.V1.Invoices.GetAsync((string)renewal!["id"]!);
        var pastDue = await _client.V1.Subscriptions.GetAsync(subscription.Id);
        var failedEvents = EventTypesAfter(before);

        var retried = await _client.V1.Invoices.PayAsync(failed.Id, new InvoicePayOptions { PaymentMethod = "pm_card_visa" });
        var active = await _client.V1.Subscriptions.GetAsync(subscription.Id);

        Assert.Multiple(() =>
        {
            Assert.That((failed.Status, failed.AttemptCount, failed.AmountRemaining), Is.EqualTo(("open", 1L, 4_900L)));
            Assert.That(failed.NextPaymentAttempt, Is.Not.Null);
            Assert.That(pastDue.Status, Is.EqualTo("past_due"));
            AssertChronological(failedEvents, "invoice.finalized", "charge.failed", "invoice.payment_failed", "customer.subscription.updated");
            Assert.That((retried.Status, retried.AttemptCount, retried.AmountPaid), Is.EqualTo(("paid", 2L, 4_900L)));
            Assert.That(active.Status, Is.EqualTo("active"));
        });
    }

    [Test]
    public async Task Should_invoice_a_mid_cycle_upgrade_with_a_credit_for_unused_time_and_a_charge_for_the_rest()
    {
        var subscription = await SubscribeAsync(StripeAccount.BillingCatalog.SupportPlanMonthlyUsd);
        var item = subscription.Items.Data.Single();
        var halfWay = item.CurrentPeriodStart + (item.CurrentPeriodEnd - item.CurrentPeriodStart) / 2;

        var updated = await _client.V1.Subscriptions.UpdateAsync(subscription.Id, new SubscriptionUpdateOptions
        {
            Items = [new SubscriptionItemOptions { Id = item.Id, Price = StripeAccount.BillingCatalog.SupportPlusMonthlyUsd }],
            ProrationBehavior = "always_invoice",
            ProrationDate = halfWay,
        });
        var invoice = await _client.V1.Invoices.GetAsync(updated.LatestInvoiceId);
        var lines = invoice.Lines.Data;

        Assert.Multiple(() =>
        {
            Assert.That((invoice.BillingReason, invoice.Status), Is.EqualTo(("subscription_update", "paid")));
            Assert.That(lines.Select(l => l.Amount), Is.EqualTo(new[] { -2_450L, 4_950L }));
            Assert.That(lines.Select(l => l.Parent.InvoiceItemDetails.Proration), Is.All.True);
            Assert.That(lines.Select(l => l.Pricing.PriceDetails.PriceId),
                Is.EqualTo(new[] { StripeAccount.BillingCatalog.SupportPlanMonthlyUsd, StripeAccount.BillingCatalog.SupportPlusMonthlyUsd }));
            Assert.That(lines[0].Description, Does.StartWith("Unused time on 1 × Support plan after"));
            Assert.That(lines[1].Description, Does.StartWith("Remaining time on 1 × Support plan plus after"));
            Assert.That(invoice.Total, Is.EqualTo(2_500L));
            Assert.That(updated.Items.Data.Single().Price.Id, Is.EqualTo(StripeAccount.BillingCatalog.SupportPlusMonthlyUsd));
        });
    }

    [Test]
    public async Task Should_carry_create_prorations_to_the_next_renewal()
    {
        var subscription = await SubscribeAsync(StripeAccount.BillingCatalog.SupportPlanMonthlyUsd);
        var item = subscription.Items.Data.Single();
        var halfWay = item.CurrentPeriodStart + (item.CurrentPeriodEnd - item.CurrentPeriodStart) / 2;
        await _client.V1.Subscriptions.UpdateAsync(subscription.Id, new SubscriptionUpdateOptions
        {
            Items = [new SubscriptionItemOptions { Id = item.Id, Quantity = 3 }], ProrationDate = halfWay,
        });

        var (_, renewal) = await _control.PostAsync($"/_sim/subscriptions/{subscription.Id}/renew", new { });
        var lines = await new InvoiceLineItemService(_client).ListAsync((string)renewal!["id"]!);

        Assert.That(lines.Data.Select(l => (l.Amount, l.Parent.Type)), Is.EqualTo(new[]
        {
            (-2_450L, "invoice_item_details"), (7_350L, "invoice_item_details"), (14_700L, "subscription_item_details"),
        }));
    }

    [Test]
    public async Task Should_page_an_invoices_lines_in_invoice_order()
    {
        var items = new List<SubscriptionItemOptions>();
        for (var n = 1; n <= 13; n++)
        {
            var product = await _client.V1.Products.CreateAsync(new ProductCreateOptions { Name = $"Add-on {n}" });
            var price = await _client.V1.Prices.CreateAsync(new PriceCreateOptions
            {
                Product = product.Id, UnitAmount = 100 * n, Currency = "usd", Recurring = new PriceRecurringOptions { Interval = "month" },
            });
            items.Add(new SubscriptionItemOptions { Price = price.Id });
        }
        var subscription = await _client.V1.Subscriptions.CreateAsync(new SubscriptionCreateOptions { Customer = _customer.Id, Items = items });
        var invoice = await _client.V1.Invoices.GetAsync(subscription.LatestInvoiceId);
        var firstPage = await new InvoiceLineItemService(_client).ListAsync(invoice.Id, new InvoiceLineItemListOptions { Limit = 5 });
        var all = new List<InvoiceLineItem>();
        await foreach (var line in new InvoiceLineItemService(_client).ListAutoPagingAsync(invoice.Id, new InvoiceLineItemListOptions { Limit = 5 }))
            all.Add(line);

        Assert.Multiple(() =>
        {
            Assert.That((invoice.Lines.Data.Count, invoice.Lines.HasMore), Is.EqualTo((10, true)), "an invoice embeds its first ten lines");
            Assert.That((firstPage.Data.Count, firstPage.HasMore), Is.EqualTo((5, true)));
            Assert.That(all.Select(l => l.Amount), Is.EqualTo(Enumerable.Range(1, 13).Select(n => 100L * n)));
            Assert.That(all.Sum(l => l.Amount), Is.EqualTo(invoice.Total));
        });
    }

    [Test]
    public async Task Should_end_a_subscription_set_to_cancel_at_period_end_when_the_period_is_over()
    {
        var subscription = await SubscribeAsync(StripeAccount.BillingCatalog.SupportPlanMonthlyUsd);
        var (_, set) = await _control.PostAsync($"/_sim/subscriptions/{subscription.Id}/cancel", new { atPeriodEnd = true });
        var invoicesBefore = _fake.Account.List("invoice").Count;

        await _control.PostAsync($"/_sim/subscriptions/{subscription.Id}/renew", new { });
        var ended = await _client.V1.Subscriptions.GetAsync(subscription.Id);

        Assert.Multiple(() =>
        {
            Assert.That(((string?)set!["status"], (bool?)set["cancel_at_period_end"]), Is.EqualTo(("active", (bool?)true)));
            Assert.That((ended.Status, ended.CancellationDetails.Reason), Is.EqualTo(("canceled", "cancellation_requested")));
            Assert.That(ended.EndedAt, Is.EqualTo(subscription.Items.Data.Single().CurrentPeriodEnd));
            Assert.That(_fake.Account.List("invoice"), Has.Count.EqualTo(invoicesBefore), "no invoice for a period that is not served");
            Assert.That(_fake.Account.Events.First().Type, Is.EqualTo("customer.subscription.deleted"));
        });
    }

    [Test]
    public async Task Should_cancel_now_and_refuse_to_renew()
    {
        var subscription = await SubscribeAsync(StripeAccount.BillingCatalog.SupportPlanMonthlyUsd);

        var canceled = await _client.V1.Subscriptions.CancelAsync(subscription.Id);
        var (renewStatus, _) = await _control.PostAsync($"/_sim/subscriptions/{subscription.Id}/renew", new { });
        var listed = await _client.V1.Subscriptions.ListAsync(new SubscriptionListOptions { Customer = _customer.Id });

        Assert.Multiple(() =>
        {
            Assert.That(canceled.Status, Is.EqualTo("canceled"));
            Assert.That(_fake.Account.Events.First().Type, Is.EqualTo("customer.subscription.deleted"));
            Assert.That(renewStatus, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(listed.Data, Is.Empty, "Stripe lists only subscriptions that have not ended, unless asked");
        });
    }

    [Test]
    public async Task Should_void_an_open_invoice_and_refuse_to_void_a_paid_one()
    {
        var subscription = await SubscribeAsync(StripeAccount.BillingCatalog.SupportPlanMonthlyUsd);
        var (_, renewal) = await _control.PostAsync($"/_sim/subscriptions/{subscription.Id}/renew", new { paymentMethod = "pm_card_chargeDeclined" });

        var voided = await _client.V1.Invoices.VoidInvoiceAsync((string)renewal!["id"]!);
        var refused = Assert.ThrowsAsync<StripeException>(() => _client.V1.Invoices.VoidInvoiceAsync(subscription.LatestInvoiceId));

        Assert.Multiple(() =>
        {
            Assert.That(voided.Status, Is.EqualTo("void"));
            Assert.That(_fake.Account.Events.First().Type, Is.EqualTo("invoice.voided"));
            Assert.That(refused!.HttpStatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        });
    }

    [Test]
    public async Task Should_bill_yen_in_whole_units_and_prorate_to_the_yen()
    {
        var subscription = await SubscribeAsync(StripeAccount.BillingCatalog.SupportPlanMonthlyJpy);
        var item = subscription.Items.Data.Single();
        // A third of the period left: 5000 / 3 = 1666.67 ⇒ 1667 yen, no cents.
        var twoThirds = item.CurrentPeriodStart + (item.CurrentPeriodEnd - item.CurrentPeriodStart) * 2 / 3;
        var updated = await _client.V1.Subscriptions.UpdateAsync(subscription.Id, new SubscriptionUpdateOptions
        {
            Items = [new SubscriptionItemOptions { Id = item.Id, Quantity = 2 }], ProrationBehavior = "always_invoice", ProrationDate = twoThirds,
        });
        var first = await _client.V1.Invoices.GetAsync(subscription.LatestInvoiceId);
        var change = await _client.V1.Invoices.GetAsync(updated.LatestInvoiceId);
        var charge = _fake.Account.List("charge").First();

        Assert.Multiple(() =>
        {
            Assert.That((first.Currency, first.Total), Is.EqualTo(("jpy", 5_000L)));
            Assert.That(first.Lines.Data.Single().Description, Does.Contain("5000 JPY"));
            Assert.That(change.Lines.Data.Select(l => l.Amount), Is.EqualTo(new[] { -1_667L, 3_333L }));
            Assert.That(change.AmountPaid, Is.EqualTo(1_666L));
            Assert.That(((long?)charge["amount"], (string?)charge["currency"]), Is.EqualTo(((long?)1_666L, "jpy")));
        });
    }

    [Test]
    public async Task Should_refuse_a_one_time_price()
    {
        var product = await _client.V1.Products.CreateAsync(new ProductCreateOptions { Name = "Widget" });
        var price = await _client.V1.Prices.CreateAsync(new PriceCreateOptions { Product = product.Id, UnitAmount = 100, Currency = "usd" });

        var refused = Assert.ThrowsAsync<StripeException>(() => SubscribeAsync(price.Id));

        Assert.That(refused!.StripeError.Message, Does.Contain("type=recurring"));
    }
}
