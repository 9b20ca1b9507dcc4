namespace Payments.Simulators.Znode.Api;

// Znode's user and address envelopes (docs/external-apis/znode.md#accounts); property names are the wire names.

/// <summary><c>UserModel</c>: the fields an integration reads and writes (Znode has many more).</summary>
public sealed class UserWire : ZnodeBaseModel
{
    public int UserId { get; set; }
    public string? AspNetUserId { get; set; }
    public string? UserName { get; set; }
    public string? Email { get; set; }
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? FullName { get; set; }
    public string? PhoneNumber { get; set; }
    public string? CompanyName { get; set; }
    public string? ExternalId { get; set; }
    public int? PortalId { get; set; }
    public int? AccountId { get; set; }
    public bool IsGuestUser { get; set; }
    public bool IsVerified { get; set; } = true;
    public bool? IsLock { get; set; }
    public List<AddressWire>? Addresses { get; set; }
}

public sealed class UserResponse : ZnodeResponse
{
    public UserWire? User { get; set; }
    public object? UserPortal { get; set; }
}

/// <summary><c>UserListResponse</c>: <c>Users</c> at the top, with the list's paging.</summary>
public sealed class UserListResponse : ZnodeListResponse
{
    public List<UserWire> Users { get; set; } = [];
}

/// <summary><c>AddressListResponse</c> [inferred: the inner list's name]: <c>{"AddressList":{"AddressList":[…]}}</c>.</summary>
public sealed class AddressListResponse : ZnodeListResponse
{
    public AddressListWire? AddressList { get; set; }
}

public sealed class AddressListWire
{
    public List<AddressWire> AddressList { get; set; } = [];
}

public sealed class AddressResponse : ZnodeResponse
{
    public AddressWire? Address { get; set; }
}
