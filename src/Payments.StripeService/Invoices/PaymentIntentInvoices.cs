using Payments.StripeService.Client;
using Stripe;

namespace Payments.StripeService.Invoices;

/// <summary>The Stripe Billing invoice a PaymentIntent pays, and the subscription that invoice bills (null for a one-off invoice).</summary>
public sealed record PaidInvoice(string InvoiceId, string? SubscriptionId, string Status);

/// <summary>
/// Finds the invoice a PaymentIntent pays. Since API 2025-03-31.basil neither the charge nor the PaymentIntent names its invoice; the
/// only link is the invoice's <c>invoice_payment</c>, listed by payment (docs/external-apis/stripe.md#subscriptions-and-invoices).
/// </summary>
public sealed class PaymentIntentInvoices(StripeClient stripe)
{
    /// <returns>The invoice, or null when no invoice has a payment through <paramref name="paymentIntentId"/> (a shop's own charge).</returns>
    /// <exception cref="Payments.ServiceDefaults.Failures.TransientFailureException">Stripe could not say: retried, never taken as "no invoice".</exception>
    public async Task<PaidInvoice?> FindAsync(string paymentIntentId, string chargeId, CancellationToken cancellationToken)
    {
        var payments = await StripeCalls.RunAsync($"Listing the invoice payments of payment intent {paymentIntentId} (charge {chargeId})",
            () => stripe.V1.InvoicePayments.ListAsync(new InvoicePaymentListOptions
            {
                Payment = new InvoicePaymentPaymentOptions { Type = "payment_intent", PaymentIntent = paymentIntentId },
                Expand = ["data.invoice"],
                Limit = 10,
            }, cancellationToken: cancellationToken), cancellationToken);

        // Any status counts: the PaymentIntent was made (or attached) for the invoice, whatever became of that attempt; the paid one
        // first, should there be several.
        var payment = payments.Data.FirstOrDefault(p => p.Status == "paid") ?? payments.Data.FirstOrDefault();
        if (payment is null) return null;
        return new PaidInvoice(payment.InvoiceId, payment.Invoice?.Parent?.SubscriptionDetails?.SubscriptionId, payment.Status);
    }
}
