using Payments.Contracts.CustomerSync;
using Payments.Domain.Customers;
using Payments.Domain.Znode;
using Payments.ZnodeService.Client;

namespace Payments.ZnodeService.CustomerSync;

/// <summary>
/// A Znode account as customer-sync sees it: the user and its default billing address, and the customer fields they hold.
/// <c>Name</c> is the first and last name joined by a space (written back split at the last space); the address is the default
/// billing address, its three street lines folded into Stripe's two and its country read as ISO 3166-1 alpha-2 whatever the store's
/// style. Znode keeps no tax ids, credit terms or payment method.
/// </summary>
public sealed record ZnodeAccount(ZnodeUserModel User, ZnodeUserAddressModel? BillingAddress)
{
    /// <summary>The fields Znode keeps (by <see cref="CustomerFieldNames"/>).</summary>
    public static IReadOnlyList<string> KeptFields { get; } =
    [
        CustomerFieldNames.Name, CustomerFieldNames.Email, CustomerFieldNames.Phone, CustomerFieldNames.AddressLine1, CustomerFieldNames.AddressLine2,
        CustomerFieldNames.City, CustomerFieldNames.Region, CustomerFieldNames.PostalCode, CustomerFieldNames.Country,
    ];

    static readonly HashSet<string> AddressFields =
        [CustomerFieldNames.AddressLine1, CustomerFieldNames.AddressLine2, CustomerFieldNames.City, CustomerFieldNames.Region, CustomerFieldNames.PostalCode, CustomerFieldNames.Country];

    public static bool IsAddressField(string field) => AddressFields.Contains(field);

    /// <summary>Every field Znode keeps, as the record names them (null: empty in Znode).</summary>
    public IReadOnlyDictionary<string, string?> Fields()
    {
        var folded = StripeAddressFolding.FromZnode(BillingAddress is null ? null : new ZnodeAddressParts
        {
            Address1 = BillingAddress.Address1, Address2 = BillingAddress.Address2, Address3 = BillingAddress.Address3,
            CityName = BillingAddress.CityName, StateName = BillingAddress.StateName, PostalCode = BillingAddress.PostalCode,
            CountryName = BillingAddress.CountryName,
        }).Address;
        return new Dictionary<string, string?>
        {
            [CustomerFieldNames.Name] = JoinName(User.FirstName, User.LastName),
            [CustomerFieldNames.Email] = Clean(User.Email),
            [CustomerFieldNames.Phone] = Clean(User.PhoneNumber),
            [CustomerFieldNames.AddressLine1] = folded?.Line1,
            [CustomerFieldNames.AddressLine2] = folded?.Line2,
            [CustomerFieldNames.City] = folded?.City,
            [CustomerFieldNames.Region] = folded?.State,
            [CustomerFieldNames.PostalCode] = folded?.PostalCode,
            [CustomerFieldNames.Country] = folded?.Country,
        };
    }

    public static string? JoinName(string? first, string? last) =>
        Clean(string.Join(' ', new[] { first, last }.Select(Clean).OfType<string>())) is { Length: > 0 } name ? name : null;

    /// <summary>A one-word name is the first name only; otherwise the last word is the last name.</summary>
    public static (string? First, string? Last) SplitName(string? name)
    {
        var clean = Clean(name);
        if (clean is null) return (null, null);
        var at = clean.LastIndexOf(' ');
        return at < 0 ? (clean, null) : (clean[..at].TrimEnd(), clean[(at + 1)..]);
    }

    public static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
