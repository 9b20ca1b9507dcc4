namespace Payments.Gateway.Mappers.StripeSubscription;

/// <summary><c>invoice.paid</c> (an invoice was paid, or marked paid out of band: the flow books it in P21) ⇒ <c>StripeInvoiceReported</c> (<see cref="StripeInvoiceReportedMapper"/>).</summary>
public sealed class InvoicePaidMapper() : StripeInvoiceReportedMapper("invoice.paid");
