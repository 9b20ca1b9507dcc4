using System.Text.Json;
using Payments.Contracts.Shared;
using Payments.Contracts.StripeSubscription;
using Payments.Gateway.Webhooks;

namespace Payments.Gateway.Mappers.StripeSubscription;

/// <summary>
/// What the four <c>invoice.*</c> mappers share: the invoice object ⇒ <see cref="StripeInvoiceReported"/>, the invoice as it is now
/// without its lines, correlated to its subscription (https://docs.stripe.com/api/invoices/object). An invoice without a subscription
/// (a one-off invoice) is not this flow's: recorded as ignored with the reason, not refused.
/// <para>
/// Where the subscription is: since API 2025-03-31.basil (the gateway's Stripe.net is on a later train) at
/// <c>parent.subscription_details.subscription</c>; before it at the invoice's own <c>subscription</c>, still read for an event of an
/// older version (<c>Gateway:ApiVersionMismatch=Accept</c>). The same change took <c>charge</c> and <c>payment_intent</c> off the invoice:
/// its payments are in <c>payments.data[].payment</c> when Stripe includes them.
/// </para>
/// </summary>
public abstract class StripeInvoiceReportedMapper(string eventType) : IStripeEventMapper
{
    /// <summary>Stripe's invoice statuses (https://docs.stripe.com/api/invoices/object#invoice_object-status).</summary>
    public static readonly IReadOnlySet<string> Statuses = new HashSet<string>(StringComparer.Ordinal) { "draft", "open", "paid", "uncollectible", "void" };

    public string Flow => FlowNames.StripeSubscription;

    public IReadOnlyCollection<string> EventTypes { get; } = [eventType];

    public bool StartsPayment => false;

    /// <summary>The invoice's subscription id: <c>parent.subscription_details.subscription</c>, else the pre-basil <c>subscription</c>.</summary>
    public static string? SubscriptionOf(JsonElement invoice) =>
        StripeJson.NonEmpty(StripeJson.Object(invoice, "parent") is { } parent && StripeJson.Object(parent, "subscription_details") is { } details
            ? StripeJson.Id(details, "subscription")
            : null)
        ?? StripeJson.NonEmpty(StripeJson.Id(invoice, "subscription"));

    public StripeEventMapping Map(StripeEventEnvelope envelope)
    {
        var invoice = envelope.DataObject;
        var objectType = StripeJson.String(invoice, "object");
        if (objectType != "invoice")
            return StripeEventMapping.Reject($"{envelope.Type} carries a '{objectType ?? "(no object)"}', not an invoice.");
        if (StripeJson.NonEmpty(StripeJson.String(invoice, "id")) is not { } invoiceId)
            return StripeEventMapping.Reject("The invoice has no 'id'.");
        if (SubscriptionOf(invoice) is not { } subscriptionId)
            return StripeEventMapping.Ignore(
                $"Invoice {invoiceId} has no subscription (neither parent.subscription_details.subscription nor subscription): a one-off invoice is not " +
                $"the {FlowNames.StripeSubscription} flow's.");
        if (StripeJson.NonEmpty(StripeJson.Id(invoice, "customer")) is not { } customerId)
            return StripeEventMapping.Reject($"Invoice {invoiceId} has no 'customer'.");
        if (StripeJson.String(invoice, "status") is not { } status || !Statuses.Contains(status))
            return StripeEventMapping.Reject($"Invoice {invoiceId} has no known 'status' (got '{StripeJson.String(invoice, "status")}'; " +
                                             $"expected one of {string.Join(", ", Statuses)}).");
        if (StripeJson.Currency(invoice) is not { } currency)
            return StripeEventMapping.Reject($"Invoice {invoiceId} has no ISO 4217 'currency' (got '{StripeJson.String(invoice, "currency")}').");
        if (StripeJson.Integer(invoice, "total") is not { } total)
            return StripeEventMapping.Reject($"Invoice {invoiceId} has no whole 'total'.");
        if (StripeJson.Integer(invoice, "amount_due") is not { } amountDue || amountDue < 0)
            return StripeEventMapping.Reject($"Invoice {invoiceId} has no whole, non-negative 'amount_due'.");
        if (StripeJson.Integer(invoice, "amount_paid") is not { } amountPaid || amountPaid < 0)
            return StripeEventMapping.Reject($"Invoice {invoiceId} has no whole, non-negative 'amount_paid'.");
        if (StripeJson.UnixTime(invoice, "created") is not { } createdAt)
            return StripeEventMapping.Reject($"Invoice {invoiceId} has no 'created' time.");

        var payment = LatestPayment(invoice);
        var correlationId = CorrelationKey.StripeSubscription(subscriptionId).ToGuid();
        return StripeEventMapping.Publish(new StripeInvoiceReported
        {
            CorrelationId = correlationId,
            InvoiceId = invoiceId,
            SubscriptionId = subscriptionId,
            StripeCustomerId = customerId,
            StripeEventId = envelope.Id,
            EventType = envelope.Type,
            Status = status,
            Number = StripeJson.NonEmpty(StripeJson.String(invoice, "number")),
            Currency = currency,
            TotalMinor = total,
            AmountDueMinor = amountDue,
            AmountPaidMinor = amountPaid,
            BillingReason = StripeJson.NonEmpty(StripeJson.String(invoice, "billing_reason")),
            AttemptCount = (int)Math.Clamp(StripeJson.Integer(invoice, "attempt_count") ?? 0, 0, int.MaxValue),
            NextPaymentAttempt = StripeJson.UnixTime(invoice, "next_payment_attempt"),
            ChargeId = StripeJson.NonEmpty(StripeJson.Id(invoice, "charge")) ?? payment.ChargeId,
            PaymentIntentId = StripeJson.NonEmpty(StripeJson.Id(invoice, "payment_intent")) ?? payment.PaymentIntentId,
            FailureMessage = FailureMessage(invoice) ?? payment.FailureMessage,
            CustomerEmail = StripeJson.NonEmpty(StripeJson.String(invoice, "customer_email")),
            CustomerName = StripeJson.NonEmpty(StripeJson.String(invoice, "customer_name")),
            PeriodStart = StripeJson.UnixTime(invoice, "period_start"),
            PeriodEnd = StripeJson.UnixTime(invoice, "period_end"),
            InvoiceCreatedAt = createdAt,
            ReportedAt = envelope.Created ?? createdAt,
        }, correlationId);
    }

    sealed record Payment(string? ChargeId, string? PaymentIntentId, string? FailureMessage);

    /// <summary>
    /// The invoice's newest payment in <c>payments.data</c> (API 2025-03-31.basil and later; present when Stripe includes the list):
    /// its charge or payment intent, and why it failed when the payment intent is expanded.
    /// </summary>
    static Payment LatestPayment(JsonElement invoice)
    {
        if (StripeJson.Object(invoice, "payments") is not { } payments || !payments.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
            return new Payment(null, null, null);
        var latest = data.EnumerateArray()
            .Where(p => StripeJson.Object(p, "payment") is not null)
            .OrderByDescending(p => StripeJson.Integer(p, "created") ?? 0)
            .Select(p => StripeJson.Object(p, "payment")!.Value)
            .FirstOrDefault();
        if (latest.ValueKind != JsonValueKind.Object)
            return new Payment(null, null, null);
        return new Payment(
            StripeJson.NonEmpty(StripeJson.Id(latest, "charge")),
            StripeJson.NonEmpty(StripeJson.Id(latest, "payment_intent")),
            StripeJson.Object(latest, "payment_intent") is { } intent ? LastPaymentError(intent) : null);
    }

    /// <summary>Of an invoice of an older API version with its charge or payment intent expanded.</summary>
    static string? FailureMessage(JsonElement invoice) =>
        (StripeJson.Object(invoice, "charge") is { } charge ? StripeJson.NonEmpty(StripeJson.String(charge, "failure_message")) : null)
        ?? (StripeJson.Object(invoice, "payment_intent") is { } intent ? LastPaymentError(intent) : null);

    static string? LastPaymentError(JsonElement intent) =>
        StripeJson.Object(intent, "last_payment_error") is { } error ? StripeJson.NonEmpty(StripeJson.String(error, "message")) : null;
}
