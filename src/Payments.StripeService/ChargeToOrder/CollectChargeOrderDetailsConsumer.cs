using MassTransit;
using Microsoft.Extensions.Options;
using Payments.Contracts.ChargeToOrder;
using Payments.Contracts.Shared;
using Payments.ServiceDefaults.Failures;
using Payments.StripeService.Checkout;
using Payments.StripeService.Client;
using Payments.StripeService.Customers;
using Payments.StripeService.Invoices;

namespace Payments.StripeService.ChargeToOrder;

/// <summary>
/// Completes a charge's order details before it is posted (the flow's "extract the Stripe Charge and Customer data, along with the order
/// details"), then publishes <see cref="ChargeOrderDetailsCollected"/>:
/// <list type="bullet">
/// <item>first, a charge whose PaymentIntent pays a Stripe Billing invoice (<see cref="PaymentIntentInvoices"/>) is no shop's sale: the
/// answer is <see cref="ChargePaysBillingInvoice"/> and nothing is collected (the <c>stripe-subscription</c> flow books the invoice; issue
/// 14 item 8). When Stripe cannot say, the command fails transiently and is retried: an unanswered look-up is never read as "no
/// invoice";</item>
/// <item>lines: the charge's own (metadata <c>items</c>) when it has them; else the Checkout Session of its PaymentIntent
/// (<see cref="CheckoutSessionOrders"/>); else one line of <c>Stripe:OrderLines:DefaultItemId</c> for the whole amount when configured;
/// else the command fails permanently with the reason, which stops the payment in the saga's Failed state, redrivable once the lines
/// exist, and nothing is posted with an invented line;</item>
/// <item>customer, when the charge has no e-mail: the Stripe Customer it names (<see cref="StripeCustomers"/>: e-mail, name, address),
/// else what the customer typed on the Checkout page. Name and address fill only what the charge lacks.</item>
/// </list>
/// Stripe is only read here, so a repeated command reads again and publishes the same details.
/// </summary>
public sealed class CollectChargeOrderDetailsConsumer(PaymentIntentInvoices invoices, CheckoutSessionOrders checkout, StripeCustomers customers,
    IOptions<OrderLineOptions> options, ILogger<CollectChargeOrderDetailsConsumer> logger) : IConsumer<CollectChargeOrderDetails>
{
    public const string FromCharge = "charge";
    public const string FromCheckoutSession = "checkout-session";
    public const string FromDefaultItem = "default-item";
    public const string FromStripeCustomer = "stripe-customer";

    public async Task Consume(ConsumeContext<CollectChargeOrderDetails> context)
    {
        var payment = context.Message.Payment;
        var cancellationToken = context.CancellationToken;
        if (payment.PaymentIntentId is { Length: > 0 } intentId
            && await invoices.FindAsync(intentId, payment.ChargeId, cancellationToken) is { } invoice)
        {
            logger.LogInformation("Charge {ChargeId} pays Stripe Billing invoice {InvoiceId} ({Subscription}) through payment intent {PaymentIntentId}: " +
                                  "left to the stripe-subscription flow, no order details collected",
                payment.ChargeId, invoice.InvoiceId, invoice.SubscriptionId ?? "no subscription", intentId);
            await context.Publish(new ChargePaysBillingInvoice
            {
                CorrelationId = context.Message.CorrelationId,
                ChargeId = payment.ChargeId,
                PaymentIntentId = intentId,
                InvoiceId = invoice.InvoiceId,
                SubscriptionId = invoice.SubscriptionId,
            });
            return;
        }

        var hasEmail = !string.IsNullOrWhiteSpace(payment.CustomerEmail);

        CheckoutOrder? session = null;
        var sessionRead = false;
        async Task<CheckoutOrder?> SessionAsync()
        {
            if (!sessionRead && payment.PaymentIntentId is { Length: > 0 } paymentIntentId)
                session = await checkout.FindByPaymentIntentAsync(paymentIntentId, payment.ChargeId, cancellationToken);
            sessionRead = true;
            return session;
        }

        var lines = payment.Lines;
        var linesFrom = FromCharge;
        if (lines.Count == 0)
        {
            if (await SessionAsync() is { Lines.Count: > 0 } paid)
                (lines, linesFrom) = (paid.Lines, FromCheckoutSession);
            else if (options.Value.DefaultItemId is { Length: > 0 } defaultItem)
                (lines, linesFrom) = ([new OrderLine { Sku = defaultItem.Trim(), Quantity = 1, UnitAmountMinor = payment.AmountMinor, Description = payment.Description }], FromDefaultItem);
            else
                throw new PermanentFailureException(NoLinesReason(payment), StripeFailures.System);
        }

        var completed = payment with { Lines = lines };
        string? customerFrom = hasEmail ? FromCharge : null;
        if (!hasEmail && payment.StripeCustomerId is { Length: > 0 } customerId
            && await customers.GetAsync(customerId, payment.ChargeId, cancellationToken) is { } customer)
        {
            completed = completed with
            {
                CustomerEmail = customer.Email,
                CustomerName = completed.CustomerName ?? customer.Name,
                ShippingAddress = completed.ShippingAddress ?? customer.Address,
            };
            customerFrom = customer.Email is null ? null : FromStripeCustomer;
        }
        if (completed.CustomerEmail is null && await SessionAsync() is { } typed)
        {
            completed = completed with
            {
                CustomerEmail = typed.Email,
                CustomerName = completed.CustomerName ?? typed.Name,
                ShippingAddress = completed.ShippingAddress ?? typed.Address,
            };
            customerFrom = typed.Email is null ? null : FromCheckoutSession;
        }

        logger.LogInformation("Charge {ChargeId}: {LineCount} line(s) from {LinesFrom}, customer e-mail from {CustomerFrom}",
            payment.ChargeId, lines.Count, linesFrom, customerFrom ?? "nowhere (Stripe has none)");
        await context.Publish(new ChargeOrderDetailsCollected
        {
            CorrelationId = context.Message.CorrelationId,
            Payment = completed,
            LinesFrom = linesFrom,
            CustomerFrom = customerFrom,
        });
    }

    static string NoLinesReason(PaymentDetails payment) =>
        $"Charge {payment.ChargeId} has no order lines: " +
        (payment.PaymentIntentId is null ? "it has no payment intent, so no Checkout Session" : $"no Checkout Session for payment intent {payment.PaymentIntentId}") +
        $", no metadata '{OrderItemsKey}', and no default item configured ({OrderLineOptions.Section}:DefaultItemId). " +
        "Nothing was posted; add the lines (or configure a default item) and redrive.";

    /// <summary>The shop's metadata key for its lines (the gateway parses it: src/Payments.Gateway/Mappers/ChargeToOrder/OrderItemsMetadata.cs).</summary>
    const string OrderItemsKey = "items";
}
