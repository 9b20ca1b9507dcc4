namespace Payments.Gateway.Mappers.StripeSubscription;

/// <summary><c>invoice.voided</c> (an invoice was voided: nothing is booked) ⇒ <c>StripeInvoiceReported</c> (<see cref="StripeInvoiceReportedMapper"/>).</summary>
public sealed class InvoiceVoidedMapper() : StripeInvoiceReportedMapper("invoice.voided");
