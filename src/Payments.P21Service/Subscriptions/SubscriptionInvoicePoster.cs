using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Payments.Contracts.ChargeToOrder;
using Payments.Contracts.StripeSubscription;
using Payments.Domain.P21;
using Payments.Domain.Subscriptions;
using Payments.P21Service.Client;
using Payments.P21Service.Client.Transactions;
using Payments.P21Service.Customers;
using Payments.P21Service.Journals;
using Payments.P21Service.SalesOrders;
using Payments.ServiceDefaults.Failures;

namespace Payments.P21Service.Subscriptions;

/// <summary>A subscription invoice booked (or found booked), and the customer when it was resolved for a Stripe customer without a link.</summary>
public sealed record SubscriptionInvoiceOutcome(SubscriptionInvoicePosted Posted, ResolvedCustomer? Resolved);

/// <summary>
/// Books a paid Stripe Billing invoice in P21 once (src/Payments.P21Service/README.md#customers-and-subscriptions): its lines mapped to P21 items (<see cref="InvoiceLines"/>:
/// each line its own P21 line, proration credits negative, zero-decimal currencies as they are), refused whole with every unmapped price and
/// product named; then the configured document, carrying <c>stripe-invoice:&lt;in_…&gt;</c> as its reference and looked up by it before
/// anything is posted, so a redelivery finds it instead of posting another.
/// </summary>
public sealed class SubscriptionInvoicePoster(
    IP21Api api, P21Transactions transactions, CustomerResolver resolver, CustomerLinks links, ItemResolver items, LedgerEntries ledger,
    IOptions<SubscriptionOptions> options, IOptions<SalesOrderOptions> salesOrders, IOptions<P21Options> p21, TimeProvider time,
    ILogger<SubscriptionInvoicePoster> logger)
{
    public static string Reference(string invoiceId) => "stripe-invoice:" + invoiceId;

    public async Task<SubscriptionInvoiceOutcome> PostAsync(PostSubscriptionInvoice command, CancellationToken cancellationToken)
    {
        var invoice = command.Invoice;
        var settings = options.Value;
        var mapped = InvoiceLines.Map(ToDomain(invoice), ItemMappingTable.From(settings.Items), new InvoiceLinesOptions { TaxItemId = settings.TaxItemId });
        if (mapped.Document is not { } document)
            throw new PermanentFailureException(
                $"Stripe invoice {invoice.InvoiceId} of subscription {invoice.SubscriptionId} cannot be booked in P21: {string.Join(" ", mapped.Unmapped.Select(u => u.Reason + (ProductName(invoice, u.LineId) is { } name ? $" Product '{name}'." : "")).Concat(mapped.Problems))} "
                + $"Map them in {SubscriptionOptions.Section}:Items (payments items suggest <price_…|prod_…>), then redrive.", "P21");

        var reference = Reference(invoice.InvoiceId);
        var kind = settings.Document.ToString();
        if (await FindAsync(reference, cancellationToken) is { } existing)
        {
            logger.LogInformation("Stripe invoice {InvoiceId} is already P21 {DocumentKind} {DocumentNumber}; not posting again", invoice.InvoiceId, kind, existing.Number);
            // A journal names no customer: the command's or the link's, when known.
            var customerId = existing.CustomerId != 0 ? existing.CustomerId
                : command.P21CustomerId ?? await links.LinkedP21CustomerAsync(invoice.StripeCustomerId, cancellationToken) ?? 0;
            return new SubscriptionInvoiceOutcome(Posted(command, customerId, kind, existing.Number, true, document), null);
        }

        var resolved = await CustomerAsync(command, cancellationToken);
        string number;
        if (settings.Document == SubscriptionDocument.Journal)
            number = await PostJournalAsync(invoice, document, reference, cancellationToken);
        else
            number = await PostSalesOrderAsync(invoice, document, resolved.CustomerId, reference, cancellationToken);
        logger.LogInformation("Booked Stripe invoice {InvoiceId} as P21 {DocumentKind} {DocumentNumber} for customer {CustomerId} ({LineCount} lines, {Total} {Currency})",
            invoice.InvoiceId, kind, number, resolved.CustomerId, document.Lines.Count, document.Total, document.Currency);
        return new SubscriptionInvoiceOutcome(Posted(command, resolved.CustomerId, kind, number, false, document), resolved.Linked ? null : resolved);
    }

    /// <summary>The command's customer, else the link copy, else found or created as a payment's payer is (by e-mail).</summary>
    async Task<ResolvedCustomer> CustomerAsync(PostSubscriptionInvoice command, CancellationToken cancellationToken)
    {
        if (command.P21CustomerId is { } given) return new ResolvedCustomer(given, false, Domain.Customers.CustomerMatchKind.MetadataCustomerId, Linked: true);
        var invoice = command.Invoice;
        return await resolver.ResolveAsync(new PaymentDetails
        {
            ChargeId = invoice.ChargeId ?? invoice.InvoiceId, PaymentIntentId = invoice.PaymentIntentId, AmountMinor = invoice.TotalMinor, Currency = invoice.Currency,
            CustomerEmail = invoice.CustomerEmail, CustomerName = invoice.CustomerName, StripeCustomerId = invoice.StripeCustomerId,
            PaidAt = invoice.PaidAt ?? time.GetUtcNow(),
        }, cancellationToken);
    }

    async Task<(string Number, long CustomerId)?> FindAsync(string reference, CancellationToken cancellationToken)
    {
        if (options.Value.Document == SubscriptionDocument.Journal)
            return await ledger.FindAsync(reference, cancellationToken) is { } entry ? (entry, 0) : null;
        var field = salesOrders.Value.OrderReferenceField;
        // Deleted or cancelled orders count too: the invoice was booked once, whatever happened to the order since.
        var rows = await P21Failures.CallAsync("the order look-up by Stripe invoice",
            () => api.QueryOrderHeadersAsync($"{field} eq {P21Formats.ODataString(reference)}", $"order_no,customer_id,{field}", 2, cancellationToken), time, cancellationToken);
        return rows.Value.OrderBy(r => r.OrderNo, StringComparer.Ordinal).FirstOrDefault() is { } row ? (row.OrderNo, (long)row.CustomerId) : null;
    }

    async Task<string> PostSalesOrderAsync(SubscriptionInvoice invoice, P21InvoiceDocument document, long customerId, string reference, CancellationToken cancellationToken)
    {
        var orders = salesOrders.Value;
        if (P21FieldLengths.For(p21.Value).TryGetValue(orders.OrderReferenceField, out var length) && reference.Length > length)
            throw new PermanentFailureException($"Reference {reference} is longer than P21's oe_hdr.{orders.OrderReferenceField} keeps ({length}); use web_reference_no.", "P21");
        var found = await items.ResolveAsync(document.Lines.Select(l => l.ItemId).ToList(), cancellationToken);
        var shipToId = orders.ShipToId ?? await resolver.DefaultShipToAsync(customerId, cancellationToken);
        var orderDate = P21Formats.ErpDate(invoice.PaidAt ?? time.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(p21.Value.ErpTimeZone));
        var set = TransactionSet.For("Order")
            .Form(SalesOrderSet.Header, header =>
            {
                header.Field("customer_id", customerId).Field("sales_loc_id", orders.SalesLocationId).Field("source_loc_id", orders.SourceLocationId)
                    .Field("ship_to_id", shipToId).Field("order_date", P21Formats.TransactionDate(orderDate))
                    .Field("requested_date", P21Formats.TransactionDate(orderDate.AddDays(1)))
                    .Field(orders.OrderReferenceField, reference);
                if (!string.IsNullOrWhiteSpace(orders.Taker)) header.Field("taker", orders.Taker);
            })
            // Each Stripe line its own row: keyed by item and line number, or P21 would collapse two lines of one item (a proration
            // credit and the new period) into the last [inferred key: user_line_no].
            .List(SalesOrderSet.Items, ["oe_order_item_id", "user_line_no"], document.Lines, (row, line) =>
            {
                row.Field("oe_order_item_id", found[line.ItemId].ItemId).Field("unit_quantity", P21Formats.Quantity(line.Quantity))
                    .Field("user_line_no", line.LineNo.ToString("D3", CultureInfo.InvariantCulture));
                if (!string.IsNullOrWhiteSpace(orders.LinePriceField)) row.Field(orders.LinePriceField, P21Formats.Money(line.UnitPrice));
            })
            .Build();
        var response = await transactions.PostAsync(set, $"the sales order for Stripe invoice {invoice.InvoiceId}", cancellationToken);
        return response.ResultValue(SalesOrderSet.Header, "order_no")
            ?? (await FindAsync(reference, cancellationToken))?.Number
            ?? throw new TransientFailureException($"P21 returned no order number for Stripe invoice {invoice.InvoiceId}; the retry looks it up by reference.");
    }

    async Task<string> PostJournalAsync(SubscriptionInvoice invoice, P21InvoiceDocument document, string reference, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var what = $"the journal of Stripe invoice {invoice.InvoiceId}";
        ledger.EnsureLedgerCurrency(document.Currency, $"Stripe invoice {invoice.InvoiceId}");
        var lines = new List<GlJournalLine> { new(settings.JournalDebitAccount!, document.Total, "Stripe invoice " + (invoice.Number ?? invoice.InvoiceId)) };
        lines.AddRange(document.Lines.Select(l => new GlJournalLine(settings.JournalCreditAccount!, -l.Amount, $"{l.ItemId} {l.Description}")));
        var (number, _) = await ledger.PostAsync(lines, reference, $"Subscription {invoice.SubscriptionId}", invoice.PaidAt ?? time.GetUtcNow(), what, cancellationToken);
        return number;
    }

    static SubscriptionInvoicePosted Posted(PostSubscriptionInvoice command, long customerId, string kind, string number, bool alreadyExisted, P21InvoiceDocument document) => new()
    {
        CorrelationId = command.CorrelationId, SubscriptionId = command.Invoice.SubscriptionId, InvoiceId = command.Invoice.InvoiceId, P21CustomerId = customerId,
        DocumentKind = kind, DocumentNumber = number, AlreadyExisted = alreadyExisted, TotalMinor = command.Invoice.TotalMinor, Currency = document.Currency,
        LineCount = document.Lines.Count,
    };

    static string? ProductName(SubscriptionInvoice invoice, string lineId) => invoice.Lines.FirstOrDefault(l => l.LineId == lineId)?.ProductName;

    static StripeInvoice ToDomain(SubscriptionInvoice invoice) => new(
        invoice.InvoiceId, invoice.Currency, invoice.TotalMinor, invoice.AmountDueMinor, invoice.AmountPaidMinor,
        invoice.Lines.Select(l => new StripeInvoiceLine(l.LineId, l.AmountMinor, invoice.Currency, l.Description, l.PriceId, l.ProductId, l.Quantity, l.Proration,
            l.PeriodStart, l.PeriodEnd, l.DiscountMinor)).ToList(),
        invoice.TaxMinor, invoice.SubscriptionId);
}
