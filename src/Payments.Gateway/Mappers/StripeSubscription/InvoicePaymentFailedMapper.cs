namespace Payments.Gateway.Mappers.StripeSubscription;

/// <summary><c>invoice.payment_failed</c> (a payment attempt of an invoice failed) ⇒ <c>StripeInvoiceReported</c> (<see cref="StripeInvoiceReportedMapper"/>).</summary>
public sealed class InvoicePaymentFailedMapper() : StripeInvoiceReportedMapper("invoice.payment_failed");
