namespace Payments.ZnodeService.Data;

/// <summary>How far the poller has read Znode's orders: every order modified up to <see cref="ModifiedThrough"/> was taken in.</summary>
public sealed class IntakeCheckpoint
{
    public required string Name { get; init; }
    /// <summary>The latest <c>OrderModifiedDate</c> read, as a UTC instant (Znode's unzoned date read in <c>Znode:TimeZone</c>).</summary>
    public DateTime ModifiedThroughUtc { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
    /// <summary>Optimistic concurrency: two pollers that both read the checkpoint cannot both move it.</summary>
    public long Version { get; set; }
}

/// <summary>Which replica polls: the one whose lease has not expired. Renewed each round, checked again in the round's commit.</summary>
public sealed class PollerLease
{
    public required string Name { get; init; }
    public required string Holder { get; set; }
    public DateTime ExpiresAtUtc { get; set; }
}

/// <summary>One Znode order taken in (published as <c>ZnodeOrderPlaced</c>, or skipped with the reason), keyed by its number.</summary>
public sealed class IntakeOrder
{
    public required string OrderNumber { get; init; }
    public int OmsOrderId { get; init; }
    /// <summary><c>poller</c> or <c>webhook</c>: which way saw it first.</summary>
    public required string Source { get; init; }
    /// <summary><see cref="IntakeOutcomes"/>.</summary>
    public required string Outcome { get; init; }
    public string? Reason { get; init; }
    public DateTime RecordedAt { get; init; }
}

/// <summary>One approved Znode return taken in (published as <c>ZnodeReturnApproved</c>, or skipped with the reason), keyed by its number.</summary>
public sealed class IntakeReturn
{
    public required string ReturnNumber { get; init; }
    public required string OrderNumber { get; init; }
    /// <summary>The return state it was seen in (<c>Approved</c>, <c>Partially Approved</c>).</summary>
    public required string ReturnState { get; init; }
    public decimal ApprovedAmount { get; init; }
    public string? Currency { get; init; }
    /// <summary><see cref="IntakeOutcomes"/>.</summary>
    public required string Outcome { get; init; }
    public string? Reason { get; init; }
    public DateTime RecordedAt { get; init; }
}

public static class IntakeOutcomes
{
    public const string Published = "Published";
    public const string Skipped = "Skipped";
}

/// <summary>
/// The payment offered to the shopper of an order (the last one, if the flow offered again): the PaymentIntent and the link built
/// for it, which may carry the PaymentIntent's client secret (<c>Znode:Payments:PaymentLinkTemplate</c>). Kept so that a reminder
/// or a decline mail can give the same link; the secret lets only the shopper's browser confirm that one payment.
/// </summary>
public sealed class PaymentOffer
{
    public required string OrderNumber { get; init; }
    public int OmsOrderId { get; set; }
    public required string PaymentIntentId { get; set; }
    public string? PaymentLink { get; set; }
    public long AmountMinor { get; set; }
    public required string Currency { get; set; }
    public DateTime OfferedAtUtc { get; set; }
}
