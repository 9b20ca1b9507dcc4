namespace Payments.Simulators.Znode.Store;

/// <summary>A shopper's account (Znode's <c>ZnodeUser</c> with its portal): what <c>useraccounts/{id}/{portalId}</c> reads and <c>customeraccount/update</c> writes.</summary>
public sealed record ZnodeUser
{
    public required int UserId { get; init; }
    public required int PortalId { get; init; }
    public string? UserName { get; init; }
    public string? Email { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? PhoneNumber { get; init; }
    public string? CompanyName { get; init; }
    public string? ExternalId { get; init; }
    public DateTime CreatedDate { get; init; }
    /// <summary>Moves with every write of the user or one of its addresses (docs/external-apis/znode.md#accounts).</summary>
    public DateTime ModifiedDate { get; init; }
    public IReadOnlyList<ZnodeUserAddress> Addresses { get; init; } = [];
}

/// <summary>One row of a user's address book (<c>AddressModel</c>); at most one is the default billing address.</summary>
public sealed record ZnodeUserAddress
{
    public int AddressId { get; init; }
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
    public string? EmailAddress { get; init; }
    public bool IsDefaultBilling { get; init; }
    public bool IsDefaultShipping { get; init; }
}

/// <summary>A user as a test (or the control API) creates it; every field optional.</summary>
public sealed record ZnodeUserSpec
{
    public string? Email { get; init; } = "shopper@example.com";
    public string? FirstName { get; init; } = "Ann";
    public string? LastName { get; init; } = "Shopper";
    public string? PhoneNumber { get; init; }
    public string? CompanyName { get; init; }
    /// <summary>Becomes the default billing (and shipping) address.</summary>
    public ZnodeUserAddress? BillingAddress { get; init; }
}
