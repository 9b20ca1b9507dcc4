namespace Payments.Contracts.ZnodeOrderToCash;

/// <summary>An address as Znode's <c>AddressModel</c> holds it; folded into Stripe's address object where Stripe needs one.</summary>
public record ZnodeAddress
{
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? CompanyName { get; init; }
    public string? Address1 { get; init; }
    public string? Address2 { get; init; }
    public string? Address3 { get; init; }
    public string? CityName { get; init; }
    /// <summary>Znode's <c>StateName</c>, which holds a code (e.g. <c>WA</c>) or a name depending on the store.</summary>
    public string? StateName { get; init; }
    public string? PostalCode { get; init; }
    /// <summary>Znode's <c>CountryName</c>, usually the ISO 3166-1 alpha-2 code (e.g. <c>US</c>).</summary>
    public string? CountryName { get; init; }
    public string? PhoneNumber { get; init; }
    public string? EmailAddress { get; init; }
}
