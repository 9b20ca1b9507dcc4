using Payments.Domain.Znode;

namespace Payments.Domain.Customers;

/// <summary>How a country is written into Znode's <c>CountryName</c>: stores keep a code or a name.</summary>
public enum ZnodeCountryStyle
{
    Alpha2,
    Alpha3,
    Name,
}

/// <summary>
/// A customer's billing address between Znode's fields, Stripe's <c>address</c> object
/// (https://docs.stripe.com/api/customers/object#customer_object-address) and the customer record, both ways and pure. Znode's
/// three street lines become Stripe's two as <see cref="ZnodeAddressFolding"/> folds them (a shopper's checkout address is folded
/// the same way); the country, which Znode stores keep as a code or a name, becomes the ISO 3166-1 alpha-2 code Stripe wants
/// (<see cref="IsoCountries"/>), and what is not a country is left out and named rather than guessed.
/// </summary>
public static class StripeAddressFolding
{
    public static FoldedAddress FromZnode(ZnodeAddressParts? address)
    {
        if (address is null) return new FoldedAddress(null, null, null, []);
        var folded = ZnodeAddressFolding.Fold(address with { CountryName = null });
        var dropped = folded.Dropped.ToList();
        string? country = null;
        if (!string.IsNullOrWhiteSpace(address.CountryName))
        {
            if (IsoCountries.TryAlpha2(address.CountryName, out var alpha2)) country = alpha2;
            else dropped.Add($"country '{address.CountryName.Trim()}' (not an ISO 3166-1 country name or code)");
        }
        var stripe = country is null ? folded.Address : (folded.Address ?? new StripeAddress()) with { Country = country };
        return folded with { Address = stripe, Dropped = dropped };
    }

    /// <summary>Stripe's address as Znode's fields: <c>line2</c> stays whole in <c>Address2</c>; the country in the store's style.</summary>
    public static ZnodeAddressParts ToZnode(StripeAddress? address, ZnodeCountryStyle countryStyle = ZnodeCountryStyle.Alpha2)
    {
        if (address is null) return new ZnodeAddressParts();
        var country = IsoCountries.Of(address.Country);
        return new ZnodeAddressParts
        {
            Address1 = Clean(address.Line1),
            Address2 = Clean(address.Line2),
            CityName = Clean(address.City),
            StateName = Clean(address.State),
            PostalCode = Clean(address.PostalCode),
            CountryName = country is null ? Clean(address.Country) : countryStyle switch
            {
                ZnodeCountryStyle.Alpha3 => country.Alpha3,
                ZnodeCountryStyle.Name => country.Name,
                _ => country.Alpha2,
            },
        };
    }

    /// <summary>The record's address fields for a <see cref="CustomerUpdate"/>; no address clears them all.</summary>
    public static IReadOnlyDictionary<CustomerField, string?> ToFields(StripeAddress? address) => new Dictionary<CustomerField, string?>
    {
        [CustomerField.AddressLine1] = address?.Line1,
        [CustomerField.AddressLine2] = address?.Line2,
        [CustomerField.City] = address?.City,
        [CustomerField.Region] = address?.State,
        [CustomerField.PostalCode] = address?.PostalCode,
        [CustomerField.Country] = address?.Country,
    };

    /// <summary>The record's address as Stripe's object; null when the record has none of its fields.</summary>
    public static StripeAddress? FromRecord(CustomerRecord record)
    {
        var address = new StripeAddress
        {
            Line1 = record.AddressLine1, Line2 = record.AddressLine2, City = record.City, State = record.Region,
            PostalCode = record.PostalCode, Country = record.Country,
        };
        return address is { Line1: null, Line2: null, City: null, State: null, PostalCode: null, Country: null } ? null : address;
    }

    static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
