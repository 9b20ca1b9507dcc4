using MassTransit;

namespace Payments.Contracts.StripeDispute;

/// <summary>Book one balance transaction of the dispute to P21's ledger: a withdrawal (the disputed amount and the dispute fee to their configured accounts) or a reinstatement (the opposite).</summary>
[MessageUrn("Payments.StripeDispute:PostDisputeJournal")]
[EntityName("Payments.StripeDispute:PostDisputeJournal")]
[FaultEntityName("MassTransit:Fault--Payments.StripeDispute:PostDisputeJournal--")]
public record PostDisputeJournal : CorrelatedBy<Guid>
{
    /// <summary>Of the dispute: <c>CorrelationKey(stripe-dispute, DisputeId)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string DisputeId { get; init; }
    public required string ChargeId { get; init; }
    public required string BalanceTransactionId { get; init; }
    /// <summary><c>Withdrawal</c> or <c>Reinstatement</c>.</summary>
    public required string Kind { get; init; }
    /// <summary>Signed, as on the balance transaction.</summary>
    public required long AmountMinor { get; init; }
    public required long FeeMinor { get; init; }
    public required string Currency { get; init; }
    public string? P21OrderNo { get; init; }
    public string? ZnodeOrderNumber { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}
