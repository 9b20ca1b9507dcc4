namespace Payments.Domain.Subscriptions;

/// <summary>
/// A line of a Stripe invoice (https://docs.stripe.com/api/invoice-line-item/object): its signed <c>amount</c> in minor units
/// (negative for a credit such as unused time), the price and product of <c>pricing.price_details</c>, the quantity, whether
/// it is a proration (<c>parent.subscription_item_details.proration</c> or <c>parent.invoice_item_details.proration</c>), its
/// billing period, and the sum of its <c>discount_amounts</c>.
/// </summary>
public sealed record StripeInvoiceLine(
    string Id,
    long AmountMinor,
    string Currency,
    string? Description = null,
    string? PriceId = null,
    string? ProductId = null,
    decimal? Quantity = 1,
    bool Proration = false,
    DateTimeOffset? PeriodStart = null,
    DateTimeOffset? PeriodEnd = null,
    long DiscountMinor = 0);

/// <summary>
/// A Stripe invoice as the P21 document is made from it (https://docs.stripe.com/api/invoices/object): <c>total</c>,
/// <c>amount_due</c> (the total less the customer's balance and credit applied), <c>amount_paid</c>, the tax added on top of the
/// lines (the <c>total_taxes</c> of exclusive tax; inclusive tax is already in the lines), and the lines, all of them
/// (<c>lines.has_more</c> read to the end).
/// </summary>
public sealed record StripeInvoice(
    string Id,
    string Currency,
    long TotalMinor,
    long AmountDueMinor,
    long AmountPaidMinor,
    IReadOnlyList<StripeInvoiceLine> Lines,
    long TaxMinor = 0,
    string? SubscriptionId = null);
