namespace Payments.Domain.Znode;

/// <summary>An address as Znode's <c>AddressModel</c> holds it (the fields the folding reads).</summary>
public sealed record ZnodeAddressParts
{
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? CompanyName { get; init; }
    public string? Address1 { get; init; }
    public string? Address2 { get; init; }
    public string? Address3 { get; init; }
    public string? CityName { get; init; }
    public string? StateName { get; init; }
    public string? PostalCode { get; init; }
    public string? CountryName { get; init; }
    public string? PhoneNumber { get; init; }
}

/// <summary>Stripe's address object (https://docs.stripe.com/api/customers/object#customer_object-address).</summary>
public sealed record StripeAddress
{
    public string? Line1 { get; init; }
    public string? Line2 { get; init; }
    public string? City { get; init; }
    public string? State { get; init; }
    public string? PostalCode { get; init; }
    /// <summary>ISO 3166-1 alpha-2, upper case.</summary>
    public string? Country { get; init; }
}

/// <summary>What a Znode address becomes at Stripe: a name, an address (null when nothing usable was left), a phone, and what was dropped.</summary>
public sealed record FoldedAddress(string? Name, StripeAddress? Address, string? Phone, IReadOnlyList<string> Dropped);

/// <summary>
/// Folds Znode's address into Stripe's: Znode has three street lines, Stripe two, so <c>Address1</c> is <c>line1</c> and
/// <c>Address2</c> and <c>Address3</c> share <c>line2</c> (joined by ", "; a blank first line lets the next move up). City, state
/// and postal code are taken as they are (Znode's <c>StateName</c> holds a code or a name depending on the store; Stripe takes
/// either). Stripe wants an ISO 3166-1 alpha-2 country: a two-letter <c>CountryName</c> is upper-cased, anything else is left out
/// and named in <see cref="FoldedAddress.Dropped"/> rather than guessed. The name is the person's (first and last), with the
/// company in brackets when both are there, else the company.
/// </summary>
public static class ZnodeAddressFolding
{
    public static FoldedAddress Fold(ZnodeAddressParts? address)
    {
        if (address is null) return new FoldedAddress(null, null, null, []);
        var dropped = new List<string>();

        var lines = new[] { address.Address1, address.Address2, address.Address3 }.Select(Clean).OfType<string>().ToList();
        var country = Clean(address.CountryName);
        if (country is not null)
        {
            if (country.Length == 2 && country.All(char.IsAsciiLetter))
                country = country.ToUpperInvariant();
            else
            {
                dropped.Add($"country '{country}' (not an ISO 3166-1 alpha-2 code)");
                country = null;
            }
        }

        var folded = new StripeAddress
        {
            Line1 = lines.ElementAtOrDefault(0),
            Line2 = lines.Count > 1 ? string.Join(", ", lines.Skip(1)) : null,
            City = Clean(address.CityName),
            State = Clean(address.StateName),
            PostalCode = Clean(address.PostalCode),
            Country = country,
        };
        var empty = folded is { Line1: null, Line2: null, City: null, State: null, PostalCode: null, Country: null };
        return new FoldedAddress(Name(address), empty ? null : folded, Clean(address.PhoneNumber), dropped);
    }

    static string? Name(ZnodeAddressParts address)
    {
        var person = string.Join(" ", new[] { address.FirstName, address.LastName }.Select(Clean).OfType<string>());
        var company = Clean(address.CompanyName);
        return (person.Length > 0, company) switch
        {
            (true, not null) => $"{person} ({company})",
            (true, null) => person,
            (false, _) => company,
        };
    }

    static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
