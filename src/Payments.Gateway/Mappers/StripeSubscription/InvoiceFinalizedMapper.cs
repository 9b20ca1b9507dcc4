namespace Payments.Gateway.Mappers.StripeSubscription;

/// <summary><c>invoice.finalized</c> (a draft invoice was finalized: it is open for payment) ⇒ <c>StripeInvoiceReported</c> (<see cref="StripeInvoiceReportedMapper"/>).</summary>
public sealed class InvoiceFinalizedMapper() : StripeInvoiceReportedMapper("invoice.finalized");
