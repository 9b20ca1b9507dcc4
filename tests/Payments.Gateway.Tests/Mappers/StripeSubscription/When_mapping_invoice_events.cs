using System.Text.Json.Nodes;
using Payments.Contracts.Shared;
using Payments.Contracts.StripeSubscription;
using Payments.Gateway.Mappers;
using Payments.Gateway.Mappers.StripeSubscription;
using Payments.Gateway.Webhooks;
using Payments.Simulators.Stripe;

namespace Payments.Gateway.Tests.Mappers.StripeSubscription;

/// <summary>
/// Stripe's invoice object ⇒ <see cref="StripeInvoiceReported"/>, correlated to its subscription, which since API 2025-03-31.basil is
/// at <c>parent.subscription_details.subscription</c> (the invoice's own <c>subscription</c> before it).
/// </summary>
[TestFixture]
public class When_mapping_invoice_events
{
    const string InvoiceId = "in_1QnRenew7Hk2";
    const string SubscriptionId = "sub_1QmPlan9xYz";
    static readonly DateTimeOffset EventCreated = DateTimeOffset.FromUnixTimeSeconds(1_764_500_000);

    /// <summary>A renewal invoice as the endive API shapes it: no top-level subscription, charge or payment_intent.</summary>
    static JsonObject Invoice(Action<JsonObject>? change = null)
    {
        var invoice = StripeFixtures.Resource("invoice");
        invoice.Remove("subscription");
        invoice["id"] = InvoiceId;
        invoice["customer"] = "cus_RkT8hJ2xQm4Lpa";
        invoice["status"] = "paid";
        invoice["number"] = "7FE1103-0004";
        invoice["currency"] = "jpy";
        invoice["total"] = 5500;
        invoice["amount_due"] = 5500;
        invoice["amount_paid"] = 5500;
        invoice["billing_reason"] = "subscription_cycle";
        invoice["attempt_count"] = 1;
        invoice["next_payment_attempt"] = null;
        invoice["customer_email"] = "ap@harborsupply.example";
        invoice["customer_name"] = "Harbor Supply Co.";
        invoice["parent"] = new JsonObject
        {
            ["type"] = "subscription_details",
            ["quote_details"] = null,
            ["subscription_details"] = new JsonObject { ["metadata"] = new JsonObject(), ["subscription"] = SubscriptionId },
        };
        invoice["payments"] = new JsonObject
        {
            ["object"] = "list",
            ["data"] = new JsonArray(
                new JsonObject { ["id"] = "inpay_1", ["object"] = "invoice_payment", ["created"] = 1_764_499_000, ["payment"] = new JsonObject { ["type"] = "payment_intent", ["payment_intent"] = "pi_old" } },
                new JsonObject { ["id"] = "inpay_2", ["object"] = "invoice_payment", ["created"] = 1_764_499_900, ["payment"] = new JsonObject { ["type"] = "payment_intent", ["payment_intent"] = "pi_3QnRenewPay" } }),
        };
        change?.Invoke(invoice);
        return invoice;
    }

    static StripeEventEnvelope Envelope(string type, JsonObject invoice) =>
        StripeEventEnvelope.Read(StripeEventBuilder.Create(type, invoice, created: EventCreated).Json).Envelope!;

    static StripeInvoiceReported Reported(StripeEventMapping mapping)
    {
        Assert.That(mapping.Kind, Is.EqualTo(MappingKind.Publish), mapping.Reason);
        return (StripeInvoiceReported)mapping.Message!;
    }

    [Test]
    public void Should_report_a_paid_invoice_to_its_subscriptions_saga()
    {
        var envelope = Envelope("invoice.paid", Invoice());

        var mapping = new InvoicePaidMapper().Map(envelope);

        var message = Reported(mapping);
        Assert.Multiple(() =>
        {
            Assert.That(mapping.CorrelationId, Is.EqualTo(CorrelationKey.StripeSubscription(SubscriptionId).ToGuid()));
            Assert.That((message.InvoiceId, message.SubscriptionId, message.StripeCustomerId, message.StripeEventId, message.EventType),
                Is.EqualTo((InvoiceId, SubscriptionId, "cus_RkT8hJ2xQm4Lpa", envelope.Id, "invoice.paid")));
            Assert.That((message.Status, message.Number, message.Currency, message.BillingReason), Is.EqualTo(("paid", "7FE1103-0004", "JPY", "subscription_cycle")));
            Assert.That((message.TotalMinor, message.AmountDueMinor, message.AmountPaidMinor), Is.EqualTo((5500L, 5500L, 5500L)), "yen stay whole yen");
            Assert.That(message.PaymentIntentId, Is.EqualTo("pi_3QnRenewPay"), "the newest payment");
            Assert.That((message.CustomerEmail, message.CustomerName), Is.EqualTo(("ap@harborsupply.example", "Harbor Supply Co.")));
            Assert.That(message.ReportedAt, Is.EqualTo(EventCreated));
            Assert.That(new InvoicePaidMapper().StartsPayment, Is.False);
        });
    }

    [Test]
    public void Should_report_a_failed_payment_with_its_attempt_and_the_expanded_reason()
    {
        var next = DateTimeOffset.FromUnixTimeSeconds(1_764_760_000);
        var message = Reported(new InvoicePaymentFailedMapper().Map(Envelope("invoice.payment_failed", Invoice(i =>
        {
            i["status"] = "open";
            i["amount_paid"] = 0;
            i["attempt_count"] = 2;
            i["next_payment_attempt"] = next.ToUnixTimeSeconds();
            i["payments"]!["data"]![1]!["payment"]!["payment_intent"] = new JsonObject
            {
                ["id"] = "pi_3QnRenewPay", ["object"] = "payment_intent",
                ["last_payment_error"] = new JsonObject { ["code"] = "card_declined", ["message"] = "Your card has insufficient funds." },
            };
        }))));

        Assert.That((message.Status, message.AttemptCount, message.NextPaymentAttempt, message.PaymentIntentId, message.FailureMessage),
            Is.EqualTo(("open", 2, (DateTimeOffset?)next, "pi_3QnRenewPay", "Your card has insufficient funds.")));
    }

    [Test]
    public void Should_ignore_an_invoice_without_a_subscription_and_say_why()
    {
        var mapping = new InvoicePaidMapper().Map(Envelope("invoice.paid", Invoice(i => i["parent"] = null)));

        Assert.That(mapping.Kind, Is.EqualTo(MappingKind.Ignore));
        Assert.That(mapping.Reason, Does.Contain(InvoiceId).And.Contain("no subscription").And.Contain("one-off"));
    }

    [Test]
    public void Should_find_the_subscription_of_an_invoice_of_an_api_version_before_basil()
    {
        var message = Reported(new InvoiceFinalizedMapper().Map(Envelope("invoice.finalized", Invoice(i =>
        {
            i["parent"] = null;
            i["payments"] = null;
            i["status"] = "open";
            i["subscription"] = SubscriptionId;
            i["charge"] = "ch_3OldShape";
            i["payment_intent"] = "pi_3OldShape";
        }))));

        Assert.That((message.SubscriptionId, message.ChargeId, message.PaymentIntentId), Is.EqualTo((SubscriptionId, "ch_3OldShape", "pi_3OldShape")));
    }

    [Test]
    public void Should_report_a_voided_invoice()
    {
        var message = Reported(new InvoiceVoidedMapper().Map(Envelope("invoice.voided", Invoice(i => i["status"] = "void"))));

        Assert.That((message.EventType, message.Status), Is.EqualTo(("invoice.voided", "void")));
    }

    [TestCase("status", "settled", "no known 'status'")]
    [TestCase("customer", null, "has no 'customer'")]
    [TestCase("currency", null, "no ISO 4217 'currency'")]
    [TestCase("object", "charge", "not an invoice")]
    public void Should_refuse_a_subscription_invoice_it_cannot_read(string field, string? value, string reason)
    {
        var mapping = new InvoicePaidMapper().Map(Envelope("invoice.paid", Invoice(i => i[field] = value)));

        Assert.That(mapping.Kind, Is.EqualTo(MappingKind.Reject));
        Assert.That(mapping.Reason, Does.Contain(reason));
    }
}
