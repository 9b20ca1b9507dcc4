using Microsoft.Extensions.Configuration;
using Payments.Domain.Customers;
using Payments.Domain.Subscriptions;
using Payments.Domain.Znode;
using Stripe;

namespace Payments.Cli.Systems;

/// <summary>
/// Reads Stripe for the operator's suggestions through Stripe.net (the SDK the Stripe service uses: paging, retries, errors), with the
/// Stripe service's settings: <c>Stripe:ApiKey</c>, <c>Stripe:ApiBase</c>. Read only.
/// </summary>
public sealed class StripeReader(IStripeClient client)
{
    public static StripeReader FromConfiguration(IConfiguration configuration)
    {
        var key = configuration["Stripe:ApiKey"];
        if (string.IsNullOrWhiteSpace(key))
            throw new SystemReadException("Stripe:ApiKey is not set (a secret key sk_… or a restricted key rk_… that may read customers, prices and products)");
        var apiBase = configuration["Stripe:ApiBase"] is { Length: > 0 } b ? b.TrimEnd('/') : "https://api.stripe.com";
        return new StripeReader(new StripeClient(new StripeClientOptions { ApiKey = key, ApiBase = apiBase }));
    }

    /// <summary>Every customer of the account (Stripe lists no deleted ones), as the link suggester reads them.</summary>
    public async Task<List<CustomerProfile>> CustomersAsync(CancellationToken cancellationToken)
    {
        var customers = new List<CustomerProfile>();
        try
        {
            await foreach (var c in new CustomerService(client).ListAutoPagingAsync(new CustomerListOptions { Limit = 100 }, cancellationToken: cancellationToken))
            {
                var a = c.Address;
                customers.Add(new CustomerProfile(CustomerSystem.Stripe, c.Id, c.Name, c.Email,
                    a is null ? null : new StripeAddress { Line1 = a.Line1, Line2 = a.Line2, City = a.City, State = a.State, PostalCode = a.PostalCode, Country = a.Country }));
            }
        }
        catch (StripeException e)
        {
            throw new SystemReadException($"Stripe customers: {e.Message}", e);
        }
        return customers;
    }

    /// <summary>A price (with its product) or a product, as the item suggester reads it.</summary>
    public async Task<StripeCatalogEntry> CatalogEntryAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            if (id.StartsWith("price_", StringComparison.Ordinal))
            {
                var price = await new PriceService(client).GetAsync(id, new PriceGetOptions { Expand = ["product"] }, cancellationToken: cancellationToken);
                var product = price.Product ?? (price.ProductId is { } productId ? await new ProductService(client).GetAsync(productId, cancellationToken: cancellationToken) : null);
                var metadata = new Dictionary<string, string>(product?.Metadata ?? new Dictionary<string, string>());
                foreach (var (key, value) in price.Metadata ?? new Dictionary<string, string>()) metadata[key] = value;
                return new StripeCatalogEntry(product?.Id ?? price.ProductId, price.Id, product?.Name ?? price.Nickname, product?.Description, price.LookupKey, metadata);
            }
            var p = await new ProductService(client).GetAsync(id, cancellationToken: cancellationToken);
            return new StripeCatalogEntry(p.Id, null, p.Name, p.Description, null, p.Metadata);
        }
        catch (StripeException e)
        {
            throw new SystemReadException($"Stripe {id}: {e.Message}", e);
        }
    }
}

/// <summary>A system the command reads could not be read: the message names the system and what failed, for one line on stderr.</summary>
public sealed class SystemReadException(string message, Exception? inner = null) : Exception(message, inner);
