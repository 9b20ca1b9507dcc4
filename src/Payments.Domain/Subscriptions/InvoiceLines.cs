using System.Globalization;
using Payments.Domain.Money;
using Payments.Domain.P21;

namespace Payments.Domain.Subscriptions;

/// <summary>
/// A line of the P21 document: the item, quantity and unit price P21 gets, and the signed amount it must come to (a credit for
/// unused time is negative). <see cref="Description"/> is Stripe's, with its quantity when that could not be kept.
/// </summary>
public sealed record P21DocumentLine(
    int LineNo,
    string StripeLineId,
    string ItemId,
    decimal Quantity,
    decimal UnitPrice,
    decimal Amount,
    bool Proration,
    string Description,
    DateTimeOffset? PeriodStart,
    DateTimeOffset? PeriodEnd);

/// <summary>
/// The P21 document for a Stripe invoice: its lines (in Stripe's order, a tax line last), their total (the invoice's
/// <c>total</c>), what was paid, and the customer balance or credit Stripe applied (<c>total</c> − <c>amount_due</c>: negative when
/// a credit invoice left the customer a balance).
/// </summary>
public sealed record P21InvoiceDocument(
    string InvoiceId,
    string Currency,
    IReadOnlyList<P21DocumentLine> Lines,
    decimal Total,
    decimal AmountPaid,
    decimal AppliedBalance);

/// <summary>A line whose price and product have no P21 item: the reason to quarantine the invoice, naming both.</summary>
public sealed record UnmappedLine(string LineId, string? PriceId, string? ProductId, string? Description)
{
    public string Reason =>
        $"Stripe line {LineId} ('{Description}'): neither price {PriceId ?? "(none)"} nor product {ProductId ?? "(none)"} has a P21 item.";
}

/// <summary>The document, or why there is none: unmapped prices/products and other problems. Never a partial document.</summary>
public sealed record InvoiceLinesResult(P21InvoiceDocument? Document, IReadOnlyList<UnmappedLine> Unmapped, IReadOnlyList<string> Problems)
{
    public bool Accepted => Document is not null;

    /// <summary>Every reason on its own line, for the fault queue and the alert.</summary>
    public string Summary => Accepted ? "accepted" : string.Join(Environment.NewLine, Unmapped.Select(u => u.Reason).Concat(Problems));
}

public sealed record InvoiceLinesOptions
{
    /// <summary>The P21 item tax added on top of the lines is posted as; without one an invoice with such tax is refused.</summary>
    public string? TaxItemId { get; init; }

    /// <summary>Whether the invoice must be paid in full (<c>amount_paid</c> = <c>amount_due</c>): true for <c>invoice.paid</c>.</summary>
    public bool RequirePaid { get; init; } = true;
}

/// <summary>
/// Turns a Stripe invoice into the lines of its P21 document (issue 14, items 7 and 11). Each Stripe line keeps its own P21 line
/// with its own signed amount: a mid-cycle change arrives as a proration credit for the unused time of the old price and a
/// proration debit for the rest of the period on the new one, and each is posted as its own item — never netted. Items come
/// from the <see cref="ItemMappingTable"/> (price first, then product); discounts are taken off their line; amounts turn from
/// minor units with the currency's exponent (<see cref="MinorUnits"/>: JPY has none, KWD three). A line's unit price is its
/// amount over its quantity when that is exact to P21's nine places, else the line is posted as one unit of the amount. Lines of
/// nothing (no amount, no quantity: metered without usage) are left out. The document is refused whole, with every reason,
/// when a line has no item, a line is in another currency, tax has no item, the lines do not add up to the invoice's
/// <c>total</c> (the difference named), or — when it must be paid — <c>amount_paid</c> is not <c>amount_due</c>.
/// </summary>
public static class InvoiceLines
{
    /// <summary>P21 keeps unit prices and quantities as decimal(19,9) (docs/external-apis/p21.md#formats-and-field-lengths).</summary>
    const int UnitPricePlaces = 9;

    public static InvoiceLinesResult Map(StripeInvoice invoice, ItemMappingTable items, InvoiceLinesOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        ArgumentNullException.ThrowIfNull(items);
        options ??= new InvoiceLinesOptions();
        var currency = invoice.Currency.Trim().ToUpperInvariant();
        var unmapped = new List<UnmappedLine>();
        var problems = new List<string>();
        var lines = new List<P21DocumentLine>();
        var sumMinor = 0L;

        foreach (var line in invoice.Lines)
        {
            if (!string.Equals(line.Currency.Trim(), currency, StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"Stripe line {line.Id} is in {line.Currency.ToUpperInvariant()}, the invoice in {currency}.");
                continue;
            }
            var netMinor = line.AmountMinor - line.DiscountMinor;
            if (netMinor == 0 && (line.Quantity ?? 0) == 0) continue;

            var item = items.Find(line.PriceId, line.ProductId);
            if (item is null)
            {
                unmapped.Add(new UnmappedLine(line.Id, line.PriceId, line.ProductId, line.Description));
                continue;
            }
            sumMinor += netMinor;
            var amount = MinorUnits.ToDecimal(netMinor, currency);
            var (quantity, unitPrice, note) = QuantityAndPrice(line.Quantity, amount);
            var description = (line.Description ?? line.PriceId ?? line.ProductId ?? line.Id) + note
                + (line.DiscountMinor != 0 ? $" (less {Format(line.DiscountMinor, currency)} discount)" : "");
            lines.Add(new P21DocumentLine(lines.Count + 1, line.Id, item.ItemId, quantity, unitPrice, amount, line.Proration, description, line.PeriodStart, line.PeriodEnd));
        }

        if (invoice.TaxMinor != 0)
        {
            if (string.IsNullOrWhiteSpace(options.TaxItemId))
                problems.Add($"The invoice carries {Format(invoice.TaxMinor, currency)} of tax and no P21 item for tax is configured.");
            else
            {
                var tax = MinorUnits.ToDecimal(invoice.TaxMinor, currency);
                lines.Add(new P21DocumentLine(lines.Count + 1, invoice.Id, P21Formats.ItemId(options.TaxItemId), 1, tax, tax, false, "Tax", null, null));
            }
        }

        if (unmapped.Count == 0 && problems.Count == 0)
        {
            var linesTotal = sumMinor + invoice.TaxMinor;
            if (linesTotal != invoice.TotalMinor)
                problems.Add($"The lines add up to {Format(linesTotal, currency)} but the invoice's total is {Format(invoice.TotalMinor, currency)}: {Format(invoice.TotalMinor - linesTotal, currency)} apart.");
        }
        if (options.RequirePaid && invoice.AmountPaidMinor != invoice.AmountDueMinor)
            problems.Add($"The invoice has {Format(invoice.AmountDueMinor, currency)} due but {Format(invoice.AmountPaidMinor, currency)} paid: {Format(invoice.AmountDueMinor - invoice.AmountPaidMinor, currency)} apart.");

        if (unmapped.Count > 0 || problems.Count > 0)
            return new InvoiceLinesResult(null, unmapped, problems);

        var document = new P21InvoiceDocument(
            invoice.Id, currency, lines,
            MinorUnits.ToDecimal(invoice.TotalMinor, currency),
            MinorUnits.ToDecimal(invoice.AmountPaidMinor, currency),
            MinorUnits.ToDecimal(invoice.TotalMinor - invoice.AmountDueMinor, currency));
        return new InvoiceLinesResult(document, [], []);
    }

    static (decimal Quantity, decimal UnitPrice, string Note) QuantityAndPrice(decimal? stripeQuantity, decimal amount)
    {
        if (stripeQuantity is not { } quantity || quantity <= 0) return (1, amount, "");
        var unit = decimal.Round(amount / quantity, UnitPricePlaces);
        return unit * quantity == amount
            ? (quantity, unit, "")
            : (1, amount, $" ({quantity.ToString(CultureInfo.InvariantCulture)} in Stripe, posted as one)");
    }

    static string Format(long minor, string currency) =>
        MinorUnits.ToDecimal(minor, currency).ToString("F" + CurrencyExponent.For(currency).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) + " " + currency;
}
