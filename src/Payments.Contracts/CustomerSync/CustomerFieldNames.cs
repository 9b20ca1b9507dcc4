namespace Payments.Contracts.CustomerSync;

/// <summary>
/// The customer fields on the wire, as keys of the messages' field maps. Pinned strings (a test checks they are the domain's
/// <c>CustomerField</c> names), so renaming a domain enum member can not silently change a message.
/// </summary>
public static class CustomerFieldNames
{
    public const string Name = "Name";
    public const string Email = "Email";
    public const string Phone = "Phone";
    public const string AddressLine1 = "AddressLine1";
    public const string AddressLine2 = "AddressLine2";
    public const string City = "City";
    /// <summary>State, county or province.</summary>
    public const string Region = "Region";
    public const string PostalCode = "PostalCode";
    /// <summary>ISO 3166-1 alpha-2.</summary>
    public const string Country = "Country";
    /// <summary><c>type:value</c> pairs, sorted, joined by "; ".</summary>
    public const string TaxIds = "TaxIds";
    public const string CreditTerms = "CreditTerms";
    public const string DefaultPaymentMethod = "DefaultPaymentMethod";

    public static IReadOnlyList<string> All { get; } =
        [Name, Email, Phone, AddressLine1, AddressLine2, City, Region, PostalCode, Country, TaxIds, CreditTerms, DefaultPaymentMethod];
}
