namespace Payments.ZnodeService.Client;

// Znode's user and address models (docs/external-apis/znode.md#accounts), as far as customer-sync reads or writes them.

/// <summary>
/// <c>UserModel</c>. <c>customeraccount/update</c> takes the whole model (a field left out is cleared), so a write sends back the
/// user as read with only the synced fields changed.
/// </summary>
public sealed class ZnodeUserModel
{
    public int UserId { get; set; }
    public string? AspNetUserId { get; set; }
    public string? UserName { get; set; }
    public string? Email { get; set; }
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? PhoneNumber { get; set; }
    public string? CompanyName { get; set; }
    public string? ExternalId { get; set; }
    public int? PortalId { get; set; }
    public int? AccountId { get; set; }
    /// <summary>Unzoned, on Znode's clock (<c>Znode:TimeZone</c>).</summary>
    public DateTime CreatedDate { get; set; }
    public DateTime ModifiedDate { get; set; }
}

/// <summary><c>AddressModel</c> of a user's address book.</summary>
public sealed class ZnodeUserAddressModel
{
    public int AddressId { get; set; }
    public int UserId { get; set; }
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? DisplayName { get; set; }
    public string? CompanyName { get; set; }
    public string? Address1 { get; set; }
    public string? Address2 { get; set; }
    public string? Address3 { get; set; }
    public string? CityName { get; set; }
    public string? StateName { get; set; }
    public string? PostalCode { get; set; }
    public string? CountryName { get; set; }
    public string? PhoneNumber { get; set; }
    public string? EmailAddress { get; set; }
    public bool IsDefaultBilling { get; set; }
    public bool IsDefaultShipping { get; set; }
    public bool IsBilling { get; set; }
    public bool IsShipping { get; set; }
}

public sealed class ZnodeUserResponse : ZnodeResponse
{
    public ZnodeUserModel? User { get; set; }
}

public sealed class ZnodeUserListResponse : ZnodeResponse
{
    public List<ZnodeUserModel>? Users { get; set; }
    public int? TotalResults { get; set; }
}

public sealed class ZnodeAddressListResponse : ZnodeResponse
{
    public ZnodeAddressList? AddressList { get; set; }
}

public sealed class ZnodeAddressList
{
    public List<ZnodeUserAddressModel>? AddressList { get; set; }
}

public sealed class ZnodeAddressResponse : ZnodeResponse
{
    public ZnodeUserAddressModel? Address { get; set; }
}
