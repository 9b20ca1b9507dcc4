using MassTransit;
using Payments.Contracts.StripeSubscription;
using Payments.ServiceDefaults.Failures;
using Payments.StripeService.Client;
using Stripe;

namespace Payments.StripeService.StripeSubscription;

/// <summary>
/// Reads a paid subscription invoice whole (docs/external-apis/stripe.md#subscriptions-and-invoices): the invoice, every line (an
/// invoice embeds ten; the rest are paged from <c>/v1/invoices/{id}/lines</c>), each line's price and product id and the product's
/// name, and the PaymentIntent that paid it (through its <c>invoice_payment</c>: the charge carries no invoice), and answers
/// <see cref="SubscriptionInvoiceDescribed"/>. Amounts stay in Stripe's minor units; the currency says how many decimals (JPY none).
/// </summary>
public sealed class DescribeSubscriptionInvoiceConsumer(StripeClient stripe) : IConsumer<DescribeSubscriptionInvoice>
{
    public async Task Consume(ConsumeContext<DescribeSubscriptionInvoice> context)
    {
        var command = context.Message;
        var ct = context.CancellationToken;
        var invoice = await StripeCalls.RunAsync($"Reading invoice {command.InvoiceId}", () => stripe.V1.Invoices.GetAsync(command.InvoiceId, cancellationToken: ct), ct);
        var subscriptionId = invoice.Parent?.SubscriptionDetails?.SubscriptionId;
        if (subscriptionId != command.SubscriptionId)
            throw new PermanentFailureException(
                $"Invoice {command.InvoiceId} bills subscription {subscriptionId ?? "(none)"}, not {command.SubscriptionId}.", StripeFailures.System);
        if (invoice.Status != "paid")
            throw new PermanentFailureException($"Invoice {command.InvoiceId} of subscription {command.SubscriptionId} is {invoice.Status}, not paid: nothing to book.",
                StripeFailures.System);

        var lines = await LinesAsync(invoice, ct);
        var productNames = await ProductNamesAsync(lines, ct);
        var paymentIntentId = await PaymentIntentAsync(invoice.Id, ct);
        var chargeId = paymentIntentId is null
            ? null
            : (await StripeCalls.RunAsync($"Reading PaymentIntent {paymentIntentId}", () => stripe.V1.PaymentIntents.GetAsync(paymentIntentId, cancellationToken: ct), ct)).LatestChargeId;

        await context.Publish(new SubscriptionInvoiceDescribed
        {
            CorrelationId = command.CorrelationId,
            Invoice = new SubscriptionInvoice
            {
                InvoiceId = invoice.Id,
                Number = invoice.Number,
                SubscriptionId = subscriptionId,
                StripeCustomerId = invoice.CustomerId,
                CustomerEmail = invoice.CustomerEmail,
                CustomerName = invoice.CustomerName,
                Currency = invoice.Currency.ToUpperInvariant(),
                TotalMinor = invoice.Total,
                AmountDueMinor = invoice.AmountDue,
                AmountPaidMinor = invoice.AmountPaid,
                // Inclusive tax is inside the lines' amounts already; only exclusive tax is added on top.
                TaxMinor = invoice.TotalTaxes?.Where(t => t.TaxBehavior == "exclusive").Sum(t => t.Amount) ?? 0,
                BillingReason = invoice.BillingReason,
                Lines = [.. lines.Select(line => Line(line, productNames))],
                ChargeId = chargeId,
                PaymentIntentId = paymentIntentId,
                PaidAt = invoice.StatusTransitions?.PaidAt is { } paidAt ? Utc(paidAt) : null,
                PeriodStart = Utc(invoice.PeriodStart),
                PeriodEnd = Utc(invoice.PeriodEnd),
            },
        });
    }

    /// <summary>The embedded lines, then the rest after the last of them, a page of 100 at a time, until Stripe says there are no more.</summary>
    async Task<List<InvoiceLineItem>> LinesAsync(Invoice invoice, CancellationToken ct)
    {
        var lines = new List<InvoiceLineItem>(invoice.Lines?.Data ?? []);
        var hasMore = invoice.Lines?.HasMore ?? true;
        var service = new InvoiceLineItemService(stripe);
        while (hasMore)
        {
            var options = new InvoiceLineItemListOptions { Limit = 100, StartingAfter = lines.Count > 0 ? lines[^1].Id : null };
            var page = await StripeCalls.RunAsync($"Listing the lines of invoice {invoice.Id}", () => service.ListAsync(invoice.Id, options, cancellationToken: ct), ct);
            lines.AddRange(page.Data);
            hasMore = page.HasMore && page.Data.Count > 0;
        }
        return lines;
    }

    async Task<Dictionary<string, string?>> ProductNamesAsync(IEnumerable<InvoiceLineItem> lines, CancellationToken ct)
    {
        var names = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var productId in lines.Select(l => l.Pricing?.PriceDetails?.Product).OfType<string>().Distinct())
        {
            var product = await StripeCalls.RunAsync($"Reading product {productId}", () => stripe.V1.Products.GetAsync(productId, cancellationToken: ct), ct);
            names[productId] = product.Name;
        }
        return names;
    }

    /// <summary>The PaymentIntent of the invoice's paid payment, if any (a zero-amount invoice has none).</summary>
    async Task<string?> PaymentIntentAsync(string invoiceId, CancellationToken ct)
    {
        var payments = await StripeCalls.RunAsync($"Listing the payments of invoice {invoiceId}",
            () => stripe.V1.InvoicePayments.ListAsync(new InvoicePaymentListOptions { Invoice = invoiceId }, cancellationToken: ct), ct);
        return payments.Data.Where(p => p.Status == "paid").Select(p => p.Payment?.PaymentIntentId).FirstOrDefault(id => id is not null);
    }

    static SubscriptionInvoiceLine Line(InvoiceLineItem line, IReadOnlyDictionary<string, string?> productNames)
    {
        var productId = line.Pricing?.PriceDetails?.Product;
        return new SubscriptionInvoiceLine
        {
            LineId = line.Id,
            AmountMinor = line.Amount,
            Description = line.Description,
            PriceId = line.Pricing?.PriceDetails?.PriceId,
            ProductId = productId,
            ProductName = productId is null ? null : productNames.GetValueOrDefault(productId),
            Quantity = line.Quantity,
            Proration = line.Parent?.SubscriptionItemDetails?.Proration ?? line.Parent?.InvoiceItemDetails?.Proration ?? false,
            PeriodStart = line.Period is null ? null : Utc(line.Period.Start),
            PeriodEnd = line.Period is null ? null : Utc(line.Period.End),
            DiscountMinor = line.DiscountAmounts?.Sum(d => d.Amount) ?? 0,
        };
    }

    static DateTimeOffset Utc(DateTime at) => new(DateTime.SpecifyKind(at, DateTimeKind.Utc));
}
