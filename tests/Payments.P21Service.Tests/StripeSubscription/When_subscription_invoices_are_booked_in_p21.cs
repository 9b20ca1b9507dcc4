using MassTransit;
using Payments.Contracts.Shared;
using Payments.Contracts.StripeSubscription;
using Payments.ServiceDefaults.Failures;
using Payments.Simulators.P21.Store;

namespace Payments.P21Service.Tests.StripeSubscription;

/// <summary>
/// The stripe-subscription commands on the bus (inbox/outbox on SQLite) against the P21 simulator: a paid invoice booked once as a sales order
/// (a replay finds it), proration lines kept apart, a JPY invoice at its own amounts, an unmapped product quarantined with its reason, and the
/// failed-payment actions taken once.
/// </summary>
[TestFixture]
public class When_subscription_invoices_are_booked_in_p21
{
    P21BusHost<SubscriptionSagaStandIn> _host = null!;

    [OneTimeSetUp]
    public async Task Start() => _host = await P21BusHost<SubscriptionSagaStandIn>.StartAsync(settings =>
    {
        settings["P21:Subscriptions:Items:prod_std"] = P21Seed.SubscriptionStandardItemId;
        settings["P21:Subscriptions:Items:prod_pro"] = P21Seed.SubscriptionProItemId;
        settings["P21:Subscriptions:TaxItemId"] = P21Seed.SubscriptionTaxItemId;
    });

    [OneTimeTearDown]
    public async Task Stop() => await _host.DisposeAsync();

    static SubscriptionInvoiceLine Line(string id, long amountMinor, string product, bool proration = false, decimal quantity = 1, string? name = null) => new()
    {
        LineId = id, AmountMinor = amountMinor, PriceId = "price_" + product, ProductId = product, ProductName = name ?? product, Quantity = quantity,
        Proration = proration, Description = (proration ? "Time on " : "1 × ") + (name ?? product),
    };

    static PostSubscriptionInvoice Command(string invoiceId, string currency, long taxMinor, params SubscriptionInvoiceLine[] lines)
    {
        var total = lines.Sum(l => l.AmountMinor) + taxMinor;
        return new PostSubscriptionInvoice
        {
            CorrelationId = CorrelationKey.StripeSubscription("sub_" + invoiceId).ToGuid(), P21CustomerId = P21Seed.AcmeCustomerId,
            Invoice = new SubscriptionInvoice
            {
                InvoiceId = invoiceId, SubscriptionId = "sub_" + invoiceId, StripeCustomerId = "cus_" + invoiceId, Currency = currency, TotalMinor = total,
                AmountDueMinor = total, AmountPaidMinor = total, TaxMinor = taxMinor, Lines = lines, BillingReason = "subscription_cycle",
                PaidAt = DateTimeOffset.Parse("2026-04-01T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
            },
        };
    }

    Task<SubscriptionInvoicePosted?> PostedAsync(string invoiceId, bool alreadyExisted) =>
        _host.PublishedAsync<SubscriptionInvoicePosted>(m => m.InvoiceId == invoiceId && m.AlreadyExisted == alreadyExisted);

    IReadOnlyList<P21OrderRecord> Orders(string invoiceId) => _host.Simulator.Store.FindOrdersByReference("stripe-invoice:" + invoiceId);

    [Test]
    public async Task Should_post_a_paid_invoice_once_and_find_it_on_replay()
    {
        var command = Command("in_once", "USD", 250, Line("il_1", 2_900, "prod_std", quantity: 2));

        await _host.Harness.Bus.Publish(command);
        var posted = await PostedAsync("in_once", alreadyExisted: false);
        await _host.Harness.Bus.Publish(command with { }); // a replay: another message id
        var replayed = await PostedAsync("in_once", alreadyExisted: true);

        var order = Orders("in_once").Single();
        Assert.Multiple(() =>
        {
            Assert.That(posted?.DocumentKind, Is.EqualTo("SalesOrder"));
            Assert.That(replayed?.DocumentNumber, Is.EqualTo(posted?.DocumentNumber));
            Assert.That(order.OrderNo, Is.EqualTo(posted?.DocumentNumber));
            Assert.That(order.CustomerId, Is.EqualTo(P21Seed.AcmeCustomerId));
            Assert.That(order.Lines.Select(l => (l.ItemId, l.UnitQuantity, l.UnitPrice)),
                Is.EqualTo(new[] { (P21Seed.SubscriptionStandardItemId, 2m, 14.50m), (P21Seed.SubscriptionTaxItemId, 1m, 2.50m) }));
            Assert.That(posted?.LineCount, Is.EqualTo(2));
        });
    }

    [Test]
    public async Task Should_keep_each_proration_line_of_a_mid_cycle_change_on_its_own_line()
    {
        // Standard → Pro half-way: the unused half of Standard credited, the rest of the period on Pro, then Pro's next period.
        var command = Command("in_prorated", "USD", 0,
            Line("il_credit", -1_450, "prod_std", proration: true), Line("il_rest", 2_450, "prod_pro", proration: true), Line("il_next", 4_900, "prod_pro"));

        await _host.Harness.Bus.Publish(command);
        var posted = await PostedAsync("in_prorated", alreadyExisted: false);

        var lines = Orders("in_prorated").Single().Lines;
        Assert.Multiple(() =>
        {
            Assert.That(posted?.LineCount, Is.EqualTo(3));
            Assert.That(lines.Select(l => (l.ItemId, l.UnitPrice)), Is.EqualTo(new[]
            {
                (P21Seed.SubscriptionStandardItemId, -14.50m), (P21Seed.SubscriptionProItemId, 24.50m), (P21Seed.SubscriptionProItemId, 49.00m),
            }), "two lines of one item stay apart");
            Assert.That(lines.Sum(l => l.ExtendedPrice), Is.EqualTo(59.00m));
        });
    }

    [Test]
    public async Task Should_post_a_jpy_invoice_at_its_own_amounts()
    {
        await _host.Harness.Bus.Publish(Command("in_jpy", "JPY", 0, Line("il_jpy", 3_000, "prod_std")));
        var posted = await PostedAsync("in_jpy", alreadyExisted: false);

        Assert.Multiple(() =>
        {
            Assert.That((posted?.Currency, posted?.TotalMinor), Is.EqualTo(("JPY", (long?)3_000)));
            Assert.That(Orders("in_jpy").Single().Lines.Single().UnitPrice, Is.EqualTo(3_000m), "JPY has no minor unit: ¥3,000 is 3000, not 30");
        });
    }

    [Test]
    public async Task Should_quarantine_an_invoice_with_an_unmapped_product_naming_it()
    {
        await _host.Harness.Bus.Publish(Command("in_unmapped", "USD", 0, Line("il_ok", 2_900, "prod_std"), Line("il_mystery", 1_000, "prod_mystery", name: "Mystery add-on")));
        var fault = await _host.PublishedAsync<Fault<PostSubscriptionInvoice>>(f => f.Message.Invoice.InvoiceId == "in_unmapped");

        var exception = fault?.Exceptions.Single();
        Assert.Multiple(() =>
        {
            Assert.That(exception?.ExceptionType, Is.EqualTo(typeof(PermanentFailureException).FullName));
            Assert.That(exception?.Message, Does.Contain("price_prod_mystery").And.Contain("prod_mystery").And.Contain("Mystery add-on").And.Contain("P21:Subscriptions:Items"));
            Assert.That(Orders("in_unmapped"), Is.Empty, "nothing is booked");
        });
    }

    static RecordSubscriptionPaymentFailure Failure(string invoiceId, string action, int attempt) => new()
    {
        CorrelationId = CorrelationKey.StripeSubscription("sub_fail").ToGuid(), SubscriptionId = "sub_fail", InvoiceId = invoiceId, StripeCustomerId = "cus_fail",
        P21CustomerId = P21Seed.BirchCustomerId, Action = action, AmountDueMinor = 4_900, Currency = "USD", AttemptCount = attempt,
        FailureMessage = "Your card was declined.", NextPaymentAttempt = DateTimeOffset.Parse("2026-04-04T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
    };

    [Test]
    public async Task Should_add_a_payment_failure_note_once_per_attempt()
    {
        await _host.Harness.Bus.Publish(Failure("in_note", "Note", 1));
        var first = await _host.PublishedAsync<SubscriptionPaymentFailureRecorded>(m => m.InvoiceId == "in_note" && !m.AlreadyRecorded);
        await _host.Harness.Bus.Publish(Failure("in_note", "Note", 1));
        var again = await _host.PublishedAsync<SubscriptionPaymentFailureRecorded>(m => m.InvoiceId == "in_note" && m.AlreadyRecorded);

        var notes = _host.Simulator.Store.CustomerNotes.Where(n => n.Topic.StartsWith("stripe-invoice:in_note", StringComparison.Ordinal)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(first?.P21CustomerId, Is.EqualTo(P21Seed.BirchCustomerId));
            Assert.That(again, Is.Not.Null);
            Assert.That(notes, Has.Count.EqualTo(1));
            Assert.That(notes.Single().Note, Does.Contain("49.00 USD").And.Contain("Your card was declined.").And.Contain("attempt 1"));
        });
    }

    [Test]
    public async Task Should_put_the_customer_on_credit_hold_once()
    {
        await _host.Harness.Bus.Publish(Failure("in_hold", "CreditHold", 1));
        var first = await _host.PublishedAsync<SubscriptionPaymentFailureRecorded>(m => m.InvoiceId == "in_hold" && !m.AlreadyRecorded);
        await _host.Harness.Bus.Publish(Failure("in_hold", "CreditHold", 2));
        var again = await _host.PublishedAsync<SubscriptionPaymentFailureRecorded>(m => m.InvoiceId == "in_hold" && m.AlreadyRecorded);

        Assert.Multiple(() =>
        {
            Assert.That(first?.Detail, Is.EqualTo("credit status GOOD → HOLD"));
            Assert.That(again?.Detail, Is.EqualTo("credit status HOLD"));
            Assert.That(_host.Simulator.Store.FindCustomer(P21Seed.BirchCustomerId)!.CreditStatus, Is.EqualTo("HOLD"));
        });
    }
}

/// <summary>Stands for the subscription saga: the answers leave through the service's outbox after the commit.</summary>
public sealed class SubscriptionSagaStandIn : IConsumer<SubscriptionInvoicePosted>, IConsumer<SubscriptionPaymentFailureRecorded>
{
    public Task Consume(ConsumeContext<SubscriptionInvoicePosted> context) => Task.CompletedTask;
    public Task Consume(ConsumeContext<SubscriptionPaymentFailureRecorded> context) => Task.CompletedTask;
}
