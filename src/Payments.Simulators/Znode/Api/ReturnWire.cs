using Payments.Simulators.Znode.Store;

namespace Payments.Simulators.Znode.Api;

// Znode's RMA return models (docs/external-apis/znode.md#returns), PascalCase as its API writes them. The list's inner property
// name and the notes' and history's shapes are not public: ours are marked [inferred] there.

public sealed class RmaReturnResponse : ZnodeResponse
{
    public RmaReturnWire? Return { get; set; }
}

public sealed class RmaReturnListResponse : ZnodeListResponse
{
    public RmaReturnListWire? ReturnList { get; set; }
}

public sealed class RmaReturnListWire : ZnodeBaseModel
{
    public List<RmaReturnWire> Returns { get; set; } = [];
    public int? PageIndex { get; set; }
    public int? PageSize { get; set; }
    public int? TotalPages { get; set; }
    public int? TotalResults { get; set; }
}

public sealed class RmaReturnStateListResponse : ZnodeResponse
{
    public List<RmaReturnStateWire> ReturnStates { get; set; } = [];
}

public sealed class RmaReturnStateWire
{
    public int RmaReturnStateId { get; set; }
    public string ReturnStateName { get; set; } = "";
    public string? Description { get; set; }
    public bool IsReturnState { get; set; } = true;
    public bool IsReturnLineItemState { get; set; } = true;
    public int DisplayOrder { get; set; }
}

/// <summary><c>RMAReturnModel</c>: the body of <c>saveorderreturn</c>/<c>submitorderreturn</c> and what the reads answer.</summary>
public sealed class RmaReturnWire : ZnodeBaseModel
{
    public int RmaReturnDetailsId { get; set; }
    public int OmsOrderId { get; set; }
    public int OmsOrderDetailsId { get; set; }
    public string? OrderNumber { get; set; }
    public string? ReturnNumber { get; set; }
    public int PortalId { get; set; }
    public int UserId { get; set; }
    public DateTime? ReturnDate { get; set; }
    public int RmaReturnStateId { get; set; }
    public string? ReturnStatus { get; set; }
    public string? EmailId { get; set; }
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? CurrencyCode { get; set; }
    public decimal SubTotal { get; set; }
    public decimal ReturnTaxCost { get; set; }
    public decimal TotalReturnAmount { get; set; }
    public string? Notes { get; set; }
    public bool IsSubmitReturn { get; set; }
    public bool IsAdminRequest { get; set; }
    public bool IsRefundProcess { get; set; }
    public string? OldReturnStatus { get; set; }
    public List<RmaReturnLineItemWire>? ReturnLineItems { get; set; }
    /// <summary>[inferred] the return's notes, oldest first.</summary>
    public List<RmaReturnNoteWire>? ReturnNotes { get; set; }
    /// <summary>[inferred] the return's history (states it moved to), oldest first.</summary>
    public List<RmaReturnHistoryWire>? ReturnHistoryList { get; set; }
}

public sealed class RmaReturnLineItemWire
{
    public int RmaReturnLineItemsId { get; set; }
    public int OmsOrderLineItemsId { get; set; }
    public decimal ExpectedReturnQuantity { get; set; }
    public decimal? ReturnedQuantity { get; set; }
    public string? Sku { get; set; }
    public string? ProductName { get; set; }
    public decimal Price { get; set; }
    public int? RmaReasonForReturnId { get; set; }
    public int RmaReturnStateId { get; set; }
    public string? ReturnStatus { get; set; }
    public decimal? RefundAmount { get; set; }
}

/// <summary>[inferred] <c>RMAReturnNotesModel</c>: a note, and the body of <c>rmareturn/savereturnnotes</c>.</summary>
public sealed class RmaReturnNoteWire
{
    public int RmaReturnNotesId { get; set; }
    public int RmaReturnDetailsId { get; set; }
    public string? ReturnNumber { get; set; }
    public string? Notes { get; set; }
    public string? CreatedByName { get; set; }
    public DateTime CreatedDate { get; set; }
}

public sealed class RmaReturnHistoryWire
{
    public string? Message { get; set; }
    public DateTime CreatedDate { get; set; }
}

static class ReturnWireMapping
{
    public static RmaReturnWire Full(ZnodeReturn item, ZnodeStore store)
    {
        var wire = Row(item, store);
        wire.ReturnLineItems = [.. item.Lines.Select(l => new RmaReturnLineItemWire
        {
            RmaReturnLineItemsId = l.RmaReturnLineItemsId,
            OmsOrderLineItemsId = l.OmsOrderLineItemsId,
            ExpectedReturnQuantity = ZnodeHttp.Numeric6(l.ExpectedReturnQuantity),
            ReturnedQuantity = l.ReturnedQuantity is { } q ? ZnodeHttp.Numeric6(q) : null,
            Sku = l.Sku,
            ProductName = l.ProductName,
            Price = ZnodeHttp.Numeric6(l.Price),
            RmaReasonForReturnId = l.RmaReasonForReturnId,
            RmaReturnStateId = l.RmaReturnStateId,
            ReturnStatus = store.ReturnStateName(l.RmaReturnStateId),
            RefundAmount = ZnodeHttp.Numeric6(l.RefundAmount),
        })];
        wire.ReturnNotes = [.. item.Notes.Select(n => new RmaReturnNoteWire
        {
            RmaReturnNotesId = n.RmaReturnNotesId, RmaReturnDetailsId = item.RmaReturnDetailsId, ReturnNumber = item.ReturnNumber, Notes = n.Notes,
            CreatedByName = n.CreatedBy, CreatedDate = n.CreatedDate,
        })];
        wire.ReturnHistoryList = [.. item.History.Select(h => new RmaReturnHistoryWire { Message = h.Message, CreatedDate = h.CreatedDate })];
        return wire;
    }

    /// <summary>A row of <c>rmareturn/list</c>: the header, no lines.</summary>
    public static RmaReturnWire Row(ZnodeReturn item, ZnodeStore store) => new()
    {
        RmaReturnDetailsId = item.RmaReturnDetailsId,
        OmsOrderId = item.OmsOrderId,
        OmsOrderDetailsId = item.OmsOrderDetailsId,
        OrderNumber = item.OrderNumber,
        ReturnNumber = item.ReturnNumber,
        PortalId = item.PortalId,
        UserId = item.UserId,
        ReturnDate = item.ReturnDate,
        RmaReturnStateId = item.RmaReturnStateId,
        ReturnStatus = store.ReturnStateName(item.RmaReturnStateId),
        EmailId = item.EmailId,
        FirstName = item.FirstName,
        LastName = item.LastName,
        CurrencyCode = item.CurrencyCode,
        SubTotal = ZnodeHttp.Numeric6(item.Lines.Sum(l => l.RefundAmount)),
        TotalReturnAmount = ZnodeHttp.Numeric6(item.TotalReturnAmount),
        IsSubmitReturn = item.RmaReturnStateId != ZnodeReturnStates.NotSubmitted,
        CreatedDate = item.ReturnDate,
        ModifiedDate = item.ModifiedDate,
    };
}
