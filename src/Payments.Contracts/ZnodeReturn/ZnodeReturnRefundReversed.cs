using MassTransit;

namespace Payments.Contracts.ZnodeReturn;

/// <summary>
/// The refund of the Znode return failed after it was booked, and the stripe-refund flow reversed its booking: the return may already
/// show <c>REFUND PROCESSED</c> though no money went back.
/// </summary>
[MessageUrn("Payments.ZnodeReturn:ZnodeReturnRefundReversed")]
[EntityName("Payments.ZnodeReturn:ZnodeReturnRefundReversed")]
[FaultEntityName("MassTransit:Fault--Payments.ZnodeReturn:ZnodeReturnRefundReversed--")]
public record ZnodeReturnRefundReversed : CorrelatedBy<Guid>
{
    /// <summary>Of the Znode return: <c>CorrelationKey(znode-return, ReturnNumber)</c>.</summary>
    public required Guid CorrelationId { get; init; }
    public required string ReturnNumber { get; init; }
    public required string RefundId { get; init; }
    /// <summary>Stripe's status of the refund now (<c>failed</c>, <c>canceled</c>).</summary>
    public required string RefundStatus { get; init; }
    /// <summary>Why, in Stripe's words (e.g. "Stripe refund re_1 failed: lost_or_stolen_card").</summary>
    public required string Reason { get; init; }
    public required string P21DocumentKind { get; init; }
    /// <summary>The P21 return document that was booked and is now reversed.</summary>
    public required string P21DocumentNumber { get; init; }
    /// <summary>P21's reversing document, when P21 names one apart from the original (a journal's reversal).</summary>
    public string? P21ReversalNumber { get; init; }
}
