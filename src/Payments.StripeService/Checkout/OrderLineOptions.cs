using Microsoft.Extensions.Options;

namespace Payments.StripeService.Checkout;

/// <summary>
/// The <c>Stripe:OrderLines</c> section: how a payment's lines are found when the charge carries none (a Stripe Checkout shop keeps them on
/// the session), and what happens when there are none anywhere.
/// </summary>
public sealed class OrderLineOptions
{
    public const string Section = "Stripe:OrderLines";

    /// <summary>
    /// Stripe catalogue → P21 item id: a key is a price id (<c>price_…</c>), a price's <c>lookup_key</c> or a product id (<c>prod_…</c>),
    /// tried in that order for each Checkout line. E.g. <c>Stripe:OrderLines:ItemMap:prod_NWjs8kKbJWmuuc=WIDGET-001</c>.
    /// </summary>
    public Dictionary<string, string> ItemMap { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The product (then price) metadata key that names the P21 item, read when <see cref="ItemMap"/> has no entry: a shop can tag its
    /// catalogue in Stripe instead of here. Empty = not read.
    /// </summary>
    public string? ItemMetadataKey { get; set; } = "p21_item_id";

    /// <summary>
    /// The P21 item of one line for the whole amount when a payment has no lines anywhere (no Checkout Session, no metadata <c>items</c>).
    /// Empty (the default) = such a payment stops with the reason instead, so nothing is posted with a line nobody sold.
    /// </summary>
    public string? DefaultItemId { get; set; }
}

/// <summary>The <see cref="OrderLineOptions"/> rules, one line per problem naming its key.</summary>
public sealed class OrderLineOptionsValidator : IValidateOptions<OrderLineOptions>
{
    public ValidateOptionsResult Validate(string? name, OrderLineOptions options)
    {
        var failures = options.ItemMap.Where(entry => string.IsNullOrWhiteSpace(entry.Value))
            .Select(entry => $"{OrderLineOptions.Section}:ItemMap:{entry.Key} is empty; give the P21 item id it maps to, or remove it.")
            .ToList();
        if (options.DefaultItemId is { } item && item.Length > 0 && string.IsNullOrWhiteSpace(item))
            failures.Add($"{OrderLineOptions.Section}:DefaultItemId is blank; give a P21 item id, or leave it empty to stop payments without lines.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
