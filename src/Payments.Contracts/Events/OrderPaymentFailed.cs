namespace Payments.Contracts.Events;

/// <summary>
/// The order-payment saga stopped on a failure that needs a person (a P21 business rule, bad credentials, retries exhausted).
/// Raised so it can be alerted on; redriving the faulted message resumes the saga.
/// </summary>
public record OrderPaymentFailed
{
    public required Guid CorrelationId { get; init; }
    public required string ChargeId { get; init; }
    /// <summary>The step that failed, e.g. "PostP21Order".</summary>
    public required string Step { get; init; }
    public required string Reason { get; init; }
}
