using MassTransit;
using MassTransit.Testing;
using Payments.Contracts.ChargeToOrder;
using Payments.Contracts.Shared;
using Payments.Simulators.Stripe;
using Payments.Simulators.Stripe.Account;
using InjectedFault = Payments.Simulators.Shared.Faults.Fault;

namespace Payments.StripeService.Tests.ChargeToOrder;

/// <summary>
/// Since API 2025-03-31.basil a charge does not say it pays an invoice; the Stripe service asks Stripe for the invoice payment of the charge's
/// PaymentIntent before collecting anything. A subscription's charge is answered ChargePaysBillingInvoice (no order details, so no sales
/// order); a shop's charge is collected as before; a look-up Stripe does not answer is retried, never taken for "no invoice".
/// </summary>
[TestFixture]
public class When_a_charge_pays_a_billing_invoice
{
    const string InvoicePaymentsPath = "/v1/invoice_payments";

    StripeServiceHost _service = null!;

    [SetUp]
    public async Task Start() => _service = await StripeServiceHost.StartAsync(
        settings => settings["Stripe:OrderLines:DefaultItemId"] = "STRIPE-SALE",
        fake: new StripeApiFakeOptions { SeedBillingCatalog = true });

    [TearDown]
    public async Task Stop() => await _service.DisposeAsync();

    StripeAccount Stripe => _service.Stripe.Account;

    /// <summary>A subscription created in the fake: its first invoice charged at once. Returns the invoice, its PaymentIntent and charge.</summary>
    (string SubscriptionId, string InvoiceId, string PaymentIntentId, string ChargeId) Subscribe()
    {
        var customerId = (string)Stripe.CreateCustomer(new CustomerFields { Email = "ap@acme-supply.example", Name = "Acme Supply Co" })["id"]!;
        var subscription = Stripe.CreateSubscription(new SubscriptionFields
        {
            Customer = customerId, Items = [new SubscriptionItemFields(StripeAccount.BillingCatalog.SupportPlanMonthlyUsd)],
        });
        var invoiceId = (string)subscription["latest_invoice"]!;
        var intentId = (string)Stripe.List("invoice_payment").Single(p => (string?)p["invoice"] == invoiceId)["payment"]!["payment_intent"]!;
        var chargeId = (string)Stripe.List("payment_intent").Single(pi => (string?)pi["id"] == intentId)["latest_charge"]!;
        return ((string)subscription["id"]!, invoiceId, intentId, chargeId);
    }

    /// <summary>As the gateway maps a charge without line metadata: the saga sends it to be collected.</summary>
    static CollectChargeOrderDetails Command(string chargeId, string paymentIntentId, long amount = 5_000) => new()
    {
        CorrelationId = CorrelationKey.StripePayment(paymentIntentId, chargeId).ToGuid(),
        Payment = new PaymentDetails
        {
            ChargeId = chargeId, PaymentIntentId = paymentIntentId, AmountMinor = amount, Currency = "USD", CustomerEmail = "ap@acme-supply.example",
            Lines = [], PaidAt = DateTimeOffset.UtcNow,
        },
    };

    /// <summary>The answer that reached a subscriber (through the outbox), or the fault; 30 s at most.</summary>
    async Task<object> AnswerAsync()
    {
        for (var i = 0; i < 300; i++)
        {
            if (_service.Harness.Consumed.Select<ChargePaysBillingInvoice>().FirstOrDefault() is { } billing) return billing.Context.Message;
            if (_service.Harness.Consumed.Select<ChargeOrderDetailsCollected>().FirstOrDefault() is { } collected) return collected.Context.Message;
            if (_service.Harness.Published.Select<Fault<CollectChargeOrderDetails>>().FirstOrDefault() is { } fault) return fault.Context.Message;
            await Task.Delay(100);
        }
        Assert.Fail("no answer within 30 s");
        return null!;
    }

    int Requests(string path) => _service.Stripe.Requests.Count(r => r.Path == path);

    [Test]
    public async Task Should_answer_that_a_subscriptions_first_charge_pays_its_invoice_and_collect_nothing()
    {
        var (subscriptionId, invoiceId, intentId, chargeId) = Subscribe();
        var command = Command(chargeId, intentId);

        await _service.Harness.Bus.Publish(command);

        var answer = await AnswerAsync();
        Assert.That(answer, Is.TypeOf<ChargePaysBillingInvoice>(), () => $"answered {answer}");
        var billing = (ChargePaysBillingInvoice)answer;
        Assert.Multiple(() =>
        {
            Assert.That((billing.CorrelationId, billing.ChargeId, billing.PaymentIntentId, billing.InvoiceId, billing.SubscriptionId),
                Is.EqualTo((command.CorrelationId, chargeId, intentId, invoiceId, (string?)subscriptionId)));
            Assert.That(Uri.UnescapeDataString(_service.Stripe.Calls.All.Single(c => c.Path == InvoicePaymentsPath).QueryString),
                Does.Contain("payment[type]=payment_intent").And.Contain("payment[payment_intent]=" + intentId));
            Assert.That(Requests("/v1/checkout/sessions"), Is.Zero, "nothing collected for a Billing charge");
            Assert.That(_service.Harness.Published.Select<ChargeOrderDetailsCollected>().Any(), Is.False, "not even the default item's line");
        });
    }

    [Test]
    public async Task Should_still_collect_the_details_of_a_shops_charge()
    {
        Subscribe();
        var chargeId = _service.Stripe.CreateCharge(new ChargeSpec { Amount = 5_000, BillingEmail = "ap@acme-supply.example" });
        var intentId = (string)_service.Stripe.GetCharge(chargeId)!["payment_intent"]!;

        await _service.Harness.Bus.Publish(Command(chargeId, intentId));

        var answer = await AnswerAsync();
        Assert.That(answer, Is.TypeOf<ChargeOrderDetailsCollected>(), () => $"answered {answer}");
        Assert.Multiple(() =>
        {
            Assert.That(((ChargeOrderDetailsCollected)answer).LinesFrom, Is.EqualTo("default-item"));
            Assert.That(Requests(InvoicePaymentsPath), Is.EqualTo(1), "asked once, found no invoice");
            Assert.That(_service.Harness.Published.Select<ChargePaysBillingInvoice>().Any(), Is.False);
        });
    }

    [Test]
    public async Task Should_retry_a_look_up_Stripe_fails_and_then_find_the_invoice()
    {
        var (_, invoiceId, intentId, chargeId) = Subscribe();
        _service.Stripe.Faults.FailNext("invoice_payments.list", InjectedFault.Respond(500), times: 2);

        await _service.Harness.Bus.Publish(Command(chargeId, intentId));

        var answer = await AnswerAsync();
        Assert.That(answer, Is.TypeOf<ChargePaysBillingInvoice>(), () => $"answered {answer}");
        Assert.Multiple(() =>
        {
            Assert.That(((ChargePaysBillingInvoice)answer).InvoiceId, Is.EqualTo(invoiceId));
            Assert.That(Requests(InvoicePaymentsPath), Is.EqualTo(3), "two failures, then the answer");
            Assert.That(Requests("/v1/checkout/sessions"), Is.Zero, "a failed look-up is not read as a shop's charge");
            Assert.That(_service.Harness.Published.Select<ChargeOrderDetailsCollected>().Any(), Is.False);
        });
    }

    [Test]
    public async Task Should_fault_not_collect_when_Stripe_never_answers_the_look_up()
    {
        var (_, _, intentId, chargeId) = Subscribe();
        _service.Stripe.Faults.FailNext("invoice_payments.list", InjectedFault.Respond(503), times: 100);

        await _service.Harness.Bus.Publish(Command(chargeId, intentId));

        var answer = await AnswerAsync();
        Assert.That(answer, Is.InstanceOf<Fault<CollectChargeOrderDetails>>(), () => $"answered {answer}");
        Assert.Multiple(() =>
        {
            Assert.That(((Fault<CollectChargeOrderDetails>)answer).Exceptions[0].Message,
                Does.Contain($"Listing the invoice payments of payment intent {intentId}").And.Contain("503"));
            Assert.That(Requests("/v1/checkout/sessions"), Is.Zero);
            Assert.That(_service.Harness.Published.Select<ChargeOrderDetailsCollected>().Any(), Is.False, "no order details, so no order");
        });
    }
}
