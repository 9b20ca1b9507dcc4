using Microsoft.Extensions.Options;
using Payments.Domain.Znode;
using Payments.ServiceDefaults.Failures;
using Payments.StripeService.Client;
using Stripe;

namespace Payments.StripeService.PaymentIntents;

/// <summary>A Znode order's PaymentIntent: its id, the client secret for the shopper's browser, and whether it existed before this call.</summary>
public sealed record OrderPaymentIntent(string Id, string ClientSecret, StripeAmount Amount, bool AlreadyExisted);

/// <summary>
/// One PaymentIntent per Znode order, never two. First the customer's PaymentIntents are searched for one carrying the order number in
/// metadata (this covers a redelivery after Stripe has pruned the idempotency key, 24 hours on); then one is created with the order
/// number in metadata and an idempotency key derived from it, so a retry of a call whose answer was lost gets the same PaymentIntent.
/// </summary>
public sealed class OrderPaymentIntents(StripeClient stripe, IOptions<PaymentIntentOptions> options, ILogger<OrderPaymentIntents> logger)
{
    public async Task<OrderPaymentIntent> FindOrCreateAsync(string orderNumber, string customerId, StripeAmount amount, string description,
        CancellationToken cancellationToken)
    {
        var key = options.Value.OrderNumberMetadataKey;
        var list = new PaymentIntentListOptions { Customer = customerId, Limit = 100 };
        var existing = await StripeCalls.RunAsync($"Looking up the PaymentIntent of Znode order {orderNumber}",
            () => stripe.V1.PaymentIntents.ListAsync(list, cancellationToken: cancellationToken), cancellationToken);
        var found = existing.Data.FirstOrDefault(p => p.Status != "canceled" && p.Metadata is { } m && m.TryGetValue(key, out var number) && number == orderNumber);
        if (found is not null)
        {
            var foundAmount = new StripeAmount(found.Amount, found.Currency.ToUpperInvariant());
            if (foundAmount != amount)
                throw new PermanentFailureException(
                    $"Znode order {orderNumber} already has PaymentIntent {found.Id} for {found.Amount} {foundAmount.Currency} minor units, but the order is for " +
                    $"{amount.Minor} {amount.Currency}: cancel that PaymentIntent in Stripe or correct the order.", StripeFailures.System);
            logger.LogInformation("Znode order {OrderNumber} already has PaymentIntent {PaymentIntentId}; not creating another", orderNumber, found.Id);
            return new OrderPaymentIntent(found.Id, found.ClientSecret, foundAmount, AlreadyExisted: true);
        }

        var create = new PaymentIntentCreateOptions
        {
            Amount = amount.Minor,
            Currency = amount.Currency.ToLowerInvariant(),
            Customer = customerId,
            Description = description,
            Metadata = new Dictionary<string, string> { [key] = orderNumber },
        };
        var request = new RequestOptions { IdempotencyKey = OrderPaymentIntentIdempotencyKey.PaymentIntent(orderNumber) };
        var intent = await StripeCalls.RunAsync($"Creating the PaymentIntent of Znode order {orderNumber}",
            () => stripe.V1.PaymentIntents.CreateAsync(create, request, cancellationToken), cancellationToken);
        logger.LogInformation("Created PaymentIntent {PaymentIntentId} for Znode order {OrderNumber}: {Amount} {Currency} minor units",
            intent.Id, orderNumber, amount.Minor, amount.Currency);
        return new OrderPaymentIntent(intent.Id, intent.ClientSecret, amount, AlreadyExisted: false);
    }
}
