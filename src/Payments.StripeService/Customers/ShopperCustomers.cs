using Payments.Domain.Znode;
using Payments.StripeService.Client;
using Stripe;

namespace Payments.StripeService.Customers;

/// <summary>Who pays, as a Stripe customer is made of it: the e-mail it is found by, and what a new one is created with.</summary>
public sealed record Shopper
{
    public required string Email { get; init; }
    public string? Name { get; init; }
    public string? Phone { get; init; }
    public StripeAddress? Address { get; init; }
    /// <summary>Where the order goes; Stripe's customer <c>shipping</c> needs a name and an address, else it is left out.</summary>
    public string? ShippingName { get; init; }
    public StripeAddress? ShippingAddress { get; init; }
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();
}

/// <summary>The customer a shopper pays as, and whether this call created it.</summary>
public sealed record ShopperCustomer(string Id, bool Created);

/// <summary>
/// Finds a shopper's Stripe customer by e-mail, or creates it. Stripe's list by e-mail is exact and case-sensitive
/// (docs/external-apis/stripe.md#customers), so the e-mail is looked up as the shop has it and, if that differs, in lower case; a
/// strongly consistent list, not the Search API, so a customer created a moment ago is found. Several matches take the most recent.
/// A create carries the caller's idempotency key: a retried or timed-out call never makes a second customer.
/// </summary>
public sealed class ShopperCustomers(StripeClient stripe, ILogger<ShopperCustomers> logger)
{
    public async Task<ShopperCustomer> FindOrCreateAsync(Shopper shopper, string idempotencyKey, CancellationToken cancellationToken)
    {
        var email = shopper.Email.Trim();
        foreach (var candidate in new[] { email, email.ToLowerInvariant() }.Distinct(StringComparer.Ordinal))
        {
            var list = new CustomerListOptions { Email = candidate, Limit = 10 };
            var found = await StripeCalls.RunAsync($"Looking up the Stripe customer of {email}",
                () => stripe.V1.Customers.ListAsync(list, cancellationToken: cancellationToken), cancellationToken);
            if (found.Data.Count == 0) continue;
            if (found.Data.Count > 1)
                logger.LogInformation("{Count} Stripe customers have e-mail {Email}; using the most recent, {CustomerId}", found.Data.Count, candidate, found.Data[0].Id);
            return new ShopperCustomer(found.Data[0].Id, Created: false);
        }

        var create = new CustomerCreateOptions
        {
            Email = email,
            Name = shopper.Name,
            Phone = shopper.Phone,
            Address = Options(shopper.Address),
            Shipping = shopper.ShippingName is { } name && Options(shopper.ShippingAddress) is { } address
                ? new ShippingOptions { Name = name, Address = address }
                : null,
            Metadata = shopper.Metadata.Count == 0 ? null : new Dictionary<string, string>(shopper.Metadata),
        };
        var request = new RequestOptions { IdempotencyKey = idempotencyKey };
        var customer = await StripeCalls.RunAsync($"Creating the Stripe customer of {email}",
            () => stripe.V1.Customers.CreateAsync(create, request, cancellationToken), cancellationToken);
        logger.LogInformation("Created Stripe customer {CustomerId} for {Email}", customer.Id, email);
        return new ShopperCustomer(customer.Id, Created: true);
    }

    static AddressOptions? Options(StripeAddress? address) => address is null ? null : new AddressOptions
    {
        Line1 = address.Line1, Line2 = address.Line2, City = address.City, State = address.State, PostalCode = address.PostalCode, Country = address.Country,
    };
}
