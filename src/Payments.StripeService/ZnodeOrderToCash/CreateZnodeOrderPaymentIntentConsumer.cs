using MassTransit;
using Microsoft.EntityFrameworkCore;
using Payments.Contracts.ZnodeOrderToCash;
using Payments.Domain.Customers;
using Payments.Domain.Znode;
using Payments.ServiceDefaults.Failures;
using Payments.StripeService.Customers;
using Payments.StripeService.Data;
using Payments.StripeService.PaymentIntents;

namespace Payments.StripeService.ZnodeOrderToCash;

/// <summary>
/// The Znode order-to-cash flow's step in Stripe: checks the order (an e-mail, a currency Stripe accepts, a total Stripe can charge:
/// <see cref="ZnodeMoney"/>) before any Stripe call, so bad data is quarantined with the reason and never sent half-filled; then finds
/// or creates the shopper's customer (<see cref="ShopperCustomers"/>, Znode's address folded into Stripe's) and the order's
/// PaymentIntent (<see cref="OrderPaymentIntents"/>), and announces it with <c>ZnodeOrderPaymentIntentCreated</c>. A shopper whose Znode
/// user is linked to a Stripe customer (this service's copy of the customer-sync link, <see cref="CustomerLink"/>) pays as that customer,
/// without an e-mail search. Every Stripe write carries an idempotency key derived from the order number.
/// </summary>
public sealed class CreateZnodeOrderPaymentIntentConsumer(ShopperCustomers customers, OrderPaymentIntents intents, StripeServiceDbContext db,
    ILogger<CreateZnodeOrderPaymentIntentConsumer> logger) : IConsumer<CreateZnodeOrderPaymentIntent>
{
    public async Task Consume(ConsumeContext<CreateZnodeOrderPaymentIntent> context)
    {
        var order = context.Message;
        var (shopper, amount) = Check(order);

        var customer = await LinkedCustomerAsync(order, context.CancellationToken)
                       ?? await customers.FindOrCreateAsync(shopper, OrderPaymentIntentIdempotencyKey.Customer(order.OrderNumber), context.CancellationToken);
        var intent = await intents.FindOrCreateAsync(order.OrderNumber, customer.Id, amount, $"Znode order {order.OrderNumber}", context.CancellationToken);

        await context.Publish(new ZnodeOrderPaymentIntentCreated
        {
            CorrelationId = order.CorrelationId,
            OrderNumber = order.OrderNumber,
            PaymentIntentId = intent.Id,
            StripeCustomerId = customer.Id,
            CustomerCreated = customer.Created,
            ClientSecret = intent.ClientSecret,
            AmountMinor = intent.Amount.Minor,
            Currency = intent.Amount.Currency,
        });
    }

    /// <summary>The Stripe customer the order's Znode user is linked to (not unlinked), or null.</summary>
    async Task<ShopperCustomer?> LinkedCustomerAsync(CreateZnodeOrderPaymentIntent order, CancellationToken cancellationToken)
    {
        if (order.Shopper.UserId is not { } userId) return null;
        var stripeCustomerId = await db.CustomerLinks.AsNoTracking()
            .Where(l => l.ZnodeUserId == userId && !l.Unlinked && l.Version > 0)
            .OrderByDescending(l => l.Version)
            .Select(l => l.StripeCustomerId)
            .FirstOrDefaultAsync(cancellationToken);
        if (stripeCustomerId is null) return null;
        logger.LogInformation("Znode order {OrderNumber}: user {ZnodeUserId} is linked to Stripe customer {StripeCustomerId}", order.OrderNumber, userId, stripeCustomerId);
        return new ShopperCustomer(stripeCustomerId, Created: false);
    }

    /// <summary>Every reason the order cannot go to Stripe, in one permanent failure; else the shopper and the amount.</summary>
    (Shopper Shopper, StripeAmount Amount) Check(CreateZnodeOrderPaymentIntent order)
    {
        var problems = new List<string>();
        if (CustomerMatching.NormaliseEmail(order.Shopper.Email) is null)
            problems.Add(string.IsNullOrWhiteSpace(order.Shopper.Email) ? "the order has no shopper e-mail" : $"'{order.Shopper.Email}' is not an e-mail address");
        if (!ZnodeMoney.TryToStripe(order.Total, order.CurrencyCode, out var amount, out var refusal))
            problems.Add(refusal);
        if (problems.Count > 0)
            throw new PermanentFailureException($"Znode order {order.OrderNumber} was not sent to Stripe: {string.Join("; ", problems)}.");

        var billing = ZnodeAddressFolding.Fold(Parts(order.BillingAddress));
        var shipping = ZnodeAddressFolding.Fold(Parts(order.ShippingAddress));
        foreach (var dropped in billing.Dropped.Concat(shipping.Dropped))
            logger.LogWarning("Znode order {OrderNumber}: left out of the Stripe customer's address: {Dropped}", order.OrderNumber, dropped);
        var shopperName = string.Join(" ", new[] { order.Shopper.FirstName, order.Shopper.LastName }.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n!.Trim()));

        var shopper = new Shopper
        {
            Email = order.Shopper.Email!.Trim(),
            Name = billing.Name ?? (shopperName.Length > 0 ? shopperName : shipping.Name),
            Phone = billing.Phone ?? shipping.Phone,
            Address = billing.Address ?? shipping.Address,
            ShippingName = shipping.Name ?? billing.Name,
            ShippingAddress = shipping.Address,
            Metadata = order.Shopper.UserId is { } userId
                ? new Dictionary<string, string> { ["znode_user_id"] = userId.ToString(System.Globalization.CultureInfo.InvariantCulture) }
                : new Dictionary<string, string>(),
        };
        return (shopper, amount);
    }

    static ZnodeAddressParts? Parts(ZnodeAddress? address) => address is null ? null : new ZnodeAddressParts
    {
        FirstName = address.FirstName, LastName = address.LastName, CompanyName = address.CompanyName, Address1 = address.Address1, Address2 = address.Address2,
        Address3 = address.Address3, CityName = address.CityName, StateName = address.StateName, PostalCode = address.PostalCode, CountryName = address.CountryName,
        PhoneNumber = address.PhoneNumber,
    };
}
