using Microsoft.Extensions.Options;
using Payments.Contracts.ChargeToOrder;
using Payments.ServiceDefaults.Failures;
using Payments.StripeService.Client;
using Stripe;
using Stripe.Checkout;
using Address = Payments.Contracts.Shared.Address;

namespace Payments.StripeService.Checkout;

/// <summary>What a paid Checkout Session holds for the order: its lines as P21 items, and what the customer typed on Stripe's page.</summary>
public sealed record CheckoutOrder(string SessionId, IReadOnlyList<OrderLine> Lines, string? Email, string? Name, Address? Address);

/// <summary>
/// A Stripe Checkout shop keeps its order lines on the Checkout Session, not on the charge; the way from a charge to them is its
/// PaymentIntent (docs/external-apis/stripe.md#checkout-sessions). Each line's price and product are mapped to a P21 item
/// (<see cref="OrderLineOptions"/>); a line that maps to none is refused with the reason, never guessed.
/// </summary>
public sealed class CheckoutSessionOrders(StripeClient stripe, IOptions<OrderLineOptions> options, ILogger<CheckoutSessionOrders> logger)
{
    /// <returns>The order of the session paid through <paramref name="paymentIntentId"/>; null when no Checkout Session has it.</returns>
    public async Task<CheckoutOrder?> FindByPaymentIntentAsync(string paymentIntentId, string chargeId, CancellationToken cancellationToken)
    {
        var what = $"Reading the Checkout Session of payment intent {paymentIntentId} (charge {chargeId})";
        try
        {
            var sessions = await stripe.V1.Checkout.Sessions.ListAsync(new SessionListOptions { PaymentIntent = paymentIntentId, Limit = 10 },
                cancellationToken: cancellationToken);
            // One PaymentIntent belongs to one session; should Stripe list several, the paid one holds what was bought.
            var session = sessions.Data.FirstOrDefault(s => s.PaymentStatus == "paid") ?? sessions.Data.FirstOrDefault();
            if (session is null) return null;
            if (sessions.Data.Count > 1)
                logger.LogWarning("Payment intent {PaymentIntentId} is on {Count} Checkout Sessions; reading {SessionId}", paymentIntentId, sessions.Data.Count, session.Id);

            var lines = new List<OrderLine>();
            var unmapped = new List<string>();
            var items = stripe.V1.Checkout.Sessions.LineItems.ListAutoPagingAsync(session.Id,
                new SessionLineItemListOptions { Limit = 100, Expand = ["data.price.product"] }, cancellationToken: cancellationToken);
            await foreach (var item in items.WithCancellation(cancellationToken))
            {
                if (ItemOf(item) is { } itemId)
                    lines.Add(new OrderLine { Sku = itemId, Description = item.Description, Quantity = item.Quantity ?? 1, UnitAmountMinor = item.Price?.UnitAmount });
                else
                    unmapped.Add($"'{item.Description}' (price {item.Price?.Id}, product {item.Price?.ProductId})");
            }
            if (unmapped.Count > 0)
                throw new PermanentFailureException(
                    $"Charge {chargeId}: Checkout Session {session.Id} has lines that map to no P21 item: {string.Join(", ", unmapped)}. " +
                    $"Map the price or product in {OrderLineOptions.Section}:ItemMap" +
                    (string.IsNullOrEmpty(options.Value.ItemMetadataKey) ? "" : $", or set the product's metadata '{options.Value.ItemMetadataKey}'") +
                    ", then redrive.", StripeFailures.System);

            var details = session.CustomerDetails;
            return new CheckoutOrder(session.Id, lines, StripeValues.NonEmpty(details?.Email) ?? StripeValues.NonEmpty(session.CustomerEmail), StripeValues.NonEmpty(details?.Name),
                details?.Address is { } address ? StripeValues.AddressOf(address, details.Name) : null);
        }
        catch (Exception e) when (StripeFailures.IsFromStripeCall(e, cancellationToken))
        {
            throw StripeFailures.Classify(e, what);
        }
    }

    /// <summary>The configured map by price, lookup key, product; then the product's and the price's metadata.</summary>
    string? ItemOf(LineItem item)
    {
        var map = options.Value.ItemMap;
        var price = item.Price;
        foreach (var key in new[] { price?.Id, price?.LookupKey, price?.ProductId })
            if (key is not null && map.TryGetValue(key, out var mapped))
                return mapped.Trim();
        if (options.Value.ItemMetadataKey is { Length: > 0 } metadataKey)
            return StripeValues.NonEmpty(price?.Product?.Metadata?.GetValueOrDefault(metadataKey)) ?? StripeValues.NonEmpty(price?.Metadata?.GetValueOrDefault(metadataKey));
        return null;
    }
}
