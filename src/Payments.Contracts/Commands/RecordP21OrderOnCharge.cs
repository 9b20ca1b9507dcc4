namespace Payments.Contracts.Commands;

/// <summary>Write the P21 order number (and customer id) into the Stripe charge's metadata.</summary>
public record RecordP21OrderOnCharge
{
    public required Guid CorrelationId { get; init; }
    public required string ChargeId { get; init; }
    public required string OrderNo { get; init; }
    public required long CustomerId { get; init; }
}
