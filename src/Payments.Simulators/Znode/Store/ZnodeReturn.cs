namespace Payments.Simulators.Znode.Store;

/// <summary>
/// An RMA return as the simulator keeps it (<c>ZnodeRmaReturnDetails</c> with its lines, notes and state history): what the
/// shopper asked to return, what the admin approved and for how much. Dates are Znode's: unzoned, in the store's zone.
/// </summary>
public sealed record ZnodeReturn
{
    public required int RmaReturnDetailsId { get; init; }
    public required string ReturnNumber { get; init; }
    public required int OmsOrderId { get; init; }
    public required int OmsOrderDetailsId { get; init; }
    public required string OrderNumber { get; init; }
    public required int PortalId { get; init; }
    public required int UserId { get; init; }
    public string? EmailId { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? CurrencyCode { get; init; }
    public required int RmaReturnStateId { get; init; }
    public required DateTime ReturnDate { get; init; }
    public required DateTime ModifiedDate { get; init; }
    /// <summary>What is to be refunded: the lines' amounts, or what the admin approved.</summary>
    public decimal TotalReturnAmount { get; init; }
    public IReadOnlyList<ZnodeReturnLine> Lines { get; init; } = [];
    public IReadOnlyList<ZnodeReturnNote> Notes { get; init; } = [];
    /// <summary>The return's history rows (state changes), oldest first.</summary>
    public IReadOnlyList<ZnodeReturnHistoryEntry> History { get; init; } = [];
}

/// <summary>One <c>RMAReturnLineItemModel</c>.</summary>
public sealed record ZnodeReturnLine
{
    public required int RmaReturnLineItemsId { get; init; }
    public required int OmsOrderLineItemsId { get; init; }
    public required string Sku { get; init; }
    public string? ProductName { get; init; }
    public required decimal Price { get; init; }
    public required decimal ExpectedReturnQuantity { get; init; }
    public decimal? ReturnedQuantity { get; init; }
    public required int RmaReturnStateId { get; init; }
    public required decimal RefundAmount { get; init; }
    public int? RmaReasonForReturnId { get; init; }
}

/// <summary>A note on a return (<c>rmareturn/savereturnnotes</c>, or the <c>Notes</c> of an admin update).</summary>
public sealed record ZnodeReturnNote
{
    public required int RmaReturnNotesId { get; init; }
    public required string Notes { get; init; }
    public string? CreatedBy { get; init; }
    public required DateTime CreatedDate { get; init; }
}

/// <summary>A history row of a return: a state it moved to.</summary>
public sealed record ZnodeReturnHistoryEntry
{
    public required string Message { get; init; }
    public required DateTime CreatedDate { get; init; }
}

/// <summary>A line of a return request: which order line, how many.</summary>
public sealed record ZnodeReturnLineRequest(int OmsOrderLineItemsId, decimal ExpectedReturnQuantity, int? RmaReasonForReturnId = null);

/// <summary>A line of an admin update: its state, the quantity received and, optionally, the amount to refund for it.</summary>
public sealed record ZnodeReturnLineDecision(int OmsOrderLineItemsId, int RmaReturnStateId, decimal? ReturnedQuantity, decimal? RefundAmount);

/// <summary>What Znode's return service refuses, with its error code (docs/external-apis/znode.md#returns).</summary>
public sealed class ZnodeReturnException(int errorCode, string message) : Exception(message)
{
    public int ErrorCode { get; } = errorCode;
}

/// <summary>
/// The return states as data (<c>ZnodeRmaReturnState</c>): Znode's defaults 10 SUBMITTED … 80 REFUND PROCESSED; shown on reads in
/// proper case (a post-deploy script camel-cases them).
/// </summary>
public static class ZnodeReturnStates
{
    public const int Submitted = 10;
    public const int NotSubmitted = 20;
    public const int InReview = 30;
    public const int Received = 40;
    public const int Approved = 50;
    public const int Rejected = 60;
    public const int PartiallyApproved = 70;
    public const int RefundProcessed = 80;

    public static IReadOnlyList<ZnodeReturnStateOption> Defaults =>
    [
        new() { Id = Submitted, Name = "SUBMITTED" },
        new() { Id = NotSubmitted, Name = "NOT SUBMITTED" },
        new() { Id = InReview, Name = "IN REVIEW" },
        new() { Id = Received, Name = "RECEIVED" },
        new() { Id = Approved, Name = "APPROVED" },
        new() { Id = Rejected, Name = "REJECTED" },
        new() { Id = PartiallyApproved, Name = "PARTIALLY APPROVED" },
        new() { Id = RefundProcessed, Name = "REFUND PROCESSED" },
    ];
}
