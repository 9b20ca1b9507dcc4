namespace Payments.Contracts.ZnodeOrderToCash;

/// <summary>Who placed a Znode order.</summary>
public record ZnodeShopper
{
    public int? UserId { get; init; }
    public string? Email { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
}
