using System.Globalization;

namespace Payments.Simulators.Znode.Store;

// RMA returns (docs/external-apis/znode.md#returns): a shopper's request (saved or submitted), the admin's state changes, notes.
public sealed partial class ZnodeStore
{
    readonly List<ZnodeReturn> _returns = [];
    int _nextReturnId = 3001;
    int _nextReturnLineId = 7001;
    int _nextReturnNoteId = 1;

    public IReadOnlyList<ZnodeReturnStateOption> ReturnStates { get; }

    IReadOnlyList<string> ReturnablePaymentStatuses { get; }

    public IReadOnlyList<ZnodeReturn> Returns { get { lock (_gate) return _returns.ToArray(); } }

    /// <summary>Case-insensitive, as SQL Server compares return numbers.</summary>
    public ZnodeReturn? FindReturn(string returnNumber)
    {
        lock (_gate) return _returns.FirstOrDefault(r => string.Equals(r.ReturnNumber, returnNumber, StringComparison.OrdinalIgnoreCase));
    }

    public string ReturnStateName(int stateId) =>
        ReturnStates.FirstOrDefault(s => s.Id == stateId) is { } state ? ZnodeStates.ProperCase(state.Name) : stateId.ToString(CultureInfo.InvariantCulture);

    public ZnodeReturnStateOption? ReturnState(string name) =>
        ReturnStates.FirstOrDefault(s => string.Equals(s.Name.Trim(), name.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// A shopper's return (<c>rmareturn/saveorderreturn</c>: NOT SUBMITTED; <c>submitorderreturn</c>: SUBMITTED), checked as
    /// Znode's <c>SaveOrderReturn</c> does, in its order: no lines (1), no portal or user (6), no order number (5), an order not
    /// eligible (301), bad lines (5). Each line refunds its price times the quantity.
    /// </summary>
    public ZnodeReturn CreateReturn(string? orderNumber, int portalId, int userId, IReadOnlyList<ZnodeReturnLineRequest>? lines, bool submit, string? notes, string by)
    {
        if (lines is not { Count: > 0 }) throw new ZnodeReturnException(1, "Return line items cannot be empty.");
        if (portalId < 1 || userId < 1) throw new ZnodeReturnException(6, "Portal ID and User ID must be given.");
        if (string.IsNullOrWhiteSpace(orderNumber)) throw new ZnodeReturnException(5, "Order number cannot be empty.");
        lock (_gate)
        {
            var order = _orders.FirstOrDefault(o => string.Equals(o.OrderNumber, orderNumber.Trim(), StringComparison.OrdinalIgnoreCase));
            if (order is null || order.PortalId != portalId || Ineligible(order) is not null)
                throw new ZnodeReturnException(301, $"Order {orderNumber} is not eligible for return{(order is null ? "" : ": " + Ineligible(order))}.");
            var returnLines = new List<ZnodeReturnLine>();
            foreach (var request in lines)
            {
                var line = order.Lines.FirstOrDefault(l => l.OmsOrderLineItemsId == request.OmsOrderLineItemsId)
                    ?? throw new ZnodeReturnException(5, $"Order line {request.OmsOrderLineItemsId} is not a line of order {order.OrderNumber}.");
                var open = line.Quantity - ReturnedSoFar(order.OrderNumber, line.OmsOrderLineItemsId);
                if (request.ExpectedReturnQuantity <= 0 || request.ExpectedReturnQuantity > open)
                    throw new ZnodeReturnException(5, $"Return quantity {request.ExpectedReturnQuantity} of line {line.Sku} must be between 1 and {open}.");
                returnLines.Add(new ZnodeReturnLine
                {
                    RmaReturnLineItemsId = _nextReturnLineId++,
                    OmsOrderLineItemsId = line.OmsOrderLineItemsId,
                    Sku = line.Sku,
                    ProductName = line.ProductName,
                    Price = line.Price,
                    ExpectedReturnQuantity = request.ExpectedReturnQuantity,
                    RmaReturnStateId = submit ? ZnodeReturnStates.Submitted : ZnodeReturnStates.NotSubmitted,
                    RefundAmount = decimal.Round(line.Price * request.ExpectedReturnQuantity, 6),
                    RmaReasonForReturnId = request.RmaReasonForReturnId,
                });
            }
            var now = NextModified();
            var state = submit ? ZnodeReturnStates.Submitted : ZnodeReturnStates.NotSubmitted;
            var created = new ZnodeReturn
            {
                RmaReturnDetailsId = _nextReturnId++,
                ReturnNumber = NewReturnNumber(now),
                OmsOrderId = order.OmsOrderId,
                OmsOrderDetailsId = order.OmsOrderDetailsId,
                OrderNumber = order.OrderNumber,
                PortalId = order.PortalId,
                UserId = userId,
                EmailId = order.Email,
                FirstName = order.FirstName,
                LastName = order.LastName,
                CurrencyCode = order.CurrencyCode,
                RmaReturnStateId = state,
                ReturnDate = now,
                ModifiedDate = now,
                TotalReturnAmount = returnLines.Sum(l => l.RefundAmount),
                Lines = returnLines,
                Notes = string.IsNullOrWhiteSpace(notes) ? [] : [new ZnodeReturnNote { RmaReturnNotesId = _nextReturnNoteId++, Notes = notes, CreatedBy = by, CreatedDate = now }],
                History = [new ZnodeReturnHistoryEntry { Message = ReturnStateName(state), CreatedDate = now }],
            };
            _returns.Add(created);
            Record(order.OrderNumber, ZnodeChangeKinds.Return, null, $"{created.ReturnNumber} {ReturnStateName(state)} {created.TotalReturnAmount.ToString("0.######", CultureInfo.InvariantCulture)}", by);
            return created;
        }
    }

    /// <summary>
    /// The admin's change (the same POST with <c>IsAdminRequest</c>): the return's state, its lines' states, quantities and amounts
    /// when given; every line REJECTED makes the return REJECTED. <paramref name="approvedAmount"/> sets the amount to refund (a
    /// partial approval); otherwise it is the sum of the lines not rejected when lines are given, else it stays. Unknown return or state: error code 5.
    /// </summary>
    public ZnodeReturn UpdateReturn(string? returnNumber, int stateId, IReadOnlyList<ZnodeReturnLineDecision>? lines, decimal? approvedAmount, string? notes, string by)
    {
        if (ReturnStates.All(s => s.Id != stateId)) throw new ZnodeReturnException(5, $"Invalid return state {stateId}.");
        lock (_gate)
        {
            var index = _returns.FindIndex(r => string.Equals(r.ReturnNumber, returnNumber?.Trim(), StringComparison.OrdinalIgnoreCase));
            if (index < 0) throw new ZnodeReturnException(5, $"Invalid return number '{returnNumber}'.");
            var current = _returns[index];
            var updatedLines = current.Lines.Select(line =>
            {
                var decision = lines?.FirstOrDefault(d => d.OmsOrderLineItemsId == line.OmsOrderLineItemsId);
                return decision is null
                    ? line with { RmaReturnStateId = lines is { Count: > 0 } ? line.RmaReturnStateId : stateId }
                    : line with
                    {
                        RmaReturnStateId = decision.RmaReturnStateId,
                        ReturnedQuantity = decision.ReturnedQuantity ?? line.ReturnedQuantity,
                        RefundAmount = decision.RefundAmount ?? line.RefundAmount,
                    };
            }).ToList();
            var state = updatedLines.Count > 0 && updatedLines.All(l => l.RmaReturnStateId == ZnodeReturnStates.Rejected) ? ZnodeReturnStates.Rejected : stateId;
            // A change that names neither lines nor an amount (e.g. to REFUND PROCESSED) keeps what was approved.
            var total = approvedAmount ?? (lines is { Count: > 0 } || state == ZnodeReturnStates.Rejected
                ? updatedLines.Where(l => l.RmaReturnStateId != ZnodeReturnStates.Rejected).Sum(l => l.RefundAmount)
                : current.TotalReturnAmount);
            if (total < 0) throw new ZnodeReturnException(5, "The amount to refund cannot be negative.");
            var now = NextModified();
            var updated = current with
            {
                RmaReturnStateId = state,
                Lines = updatedLines,
                TotalReturnAmount = decimal.Round(total, 6),
                ModifiedDate = now,
                Notes = string.IsNullOrWhiteSpace(notes) ? current.Notes : [.. current.Notes, new ZnodeReturnNote { RmaReturnNotesId = _nextReturnNoteId++, Notes = notes, CreatedBy = by, CreatedDate = now }],
                History = state == current.RmaReturnStateId ? current.History : [.. current.History, new ZnodeReturnHistoryEntry { Message = ReturnStateName(state), CreatedDate = now }],
            };
            _returns[index] = updated;
            if (state != current.RmaReturnStateId)
                Record(current.OrderNumber, ZnodeChangeKinds.ReturnState, $"{current.ReturnNumber} {ReturnStateName(current.RmaReturnStateId)}", $"{current.ReturnNumber} {ReturnStateName(state)}", by);
            if (!string.IsNullOrWhiteSpace(notes))
                Record(current.OrderNumber, ZnodeChangeKinds.ReturnNote, null, $"{current.ReturnNumber}: {notes}", by);
            return updated;
        }
    }

    /// <summary>A note on the return (<c>rmareturn/savereturnnotes</c>); null when there is no such return.</summary>
    public ZnodeReturn? AddReturnNote(int rmaReturnDetailsId, string? returnNumber, string notes, string? createdBy, string by)
    {
        lock (_gate)
        {
            var index = _returns.FindIndex(r => rmaReturnDetailsId > 0
                ? r.RmaReturnDetailsId == rmaReturnDetailsId
                : string.Equals(r.ReturnNumber, returnNumber?.Trim(), StringComparison.OrdinalIgnoreCase));
            if (index < 0) return null;
            var current = _returns[index];
            var now = NextModified();
            _returns[index] = current with
            {
                ModifiedDate = now,
                Notes = [.. current.Notes, new ZnodeReturnNote { RmaReturnNotesId = _nextReturnNoteId++, Notes = notes, CreatedBy = createdBy, CreatedDate = now }],
            };
            Record(current.OrderNumber, ZnodeChangeKinds.ReturnNote, null, $"{current.ReturnNumber}: {notes}", by);
            return _returns[index];
        }
    }

    /// <summary>Why an order cannot be returned, or null: it is cancelled, or its payment did not go through.</summary>
    string? Ineligible(ZnodeOrder order)
    {
        if (States.OrderState(order.OmsOrderStateId) is { } state && (Same(state.Name, "CANCELED") || Same(state.Name, "CANCELLED")))
            return "the order is canceled";
        var payment = States.PaymentState(order.OmsPaymentStateId)?.Name;
        return ReturnablePaymentStatuses.Any(s => Same(s, payment)) ? null : $"its payment status is {PaymentName(order.OmsPaymentStateId) ?? "none"}";
    }

    decimal ReturnedSoFar(string orderNumber, int omsOrderLineItemsId) => _returns
        .Where(r => r.OrderNumber == orderNumber && r.RmaReturnStateId != ZnodeReturnStates.Rejected)
        .SelectMany(r => r.Lines)
        .Where(l => l.OmsOrderLineItemsId == omsOrderLineItemsId && l.RmaReturnStateId != ZnodeReturnStates.Rejected)
        .Sum(l => l.ExpectedReturnQuantity);

    static bool Same(string? a, string? b) => string.Equals(a?.Trim(), b?.Trim(), StringComparison.OrdinalIgnoreCase);

    /// <summary><c>RO</c>, the store's two letters, <c>-yyMMdd-HHmmss-</c>, three random letters (docs/external-apis/znode.md#returns).</summary>
    string NewReturnNumber(DateTime now)
    {
        while (true)
        {
            var letters = new string([.. Enumerable.Range(0, 3).Select(_ => (char)('A' + Random.Shared.Next(26)))]);
            var number = $"RO{_storePrefix}-{now.ToString("yyMMdd-HHmmss", CultureInfo.InvariantCulture)}-{letters}";
            if (!_returns.Any(r => r.ReturnNumber == number)) return number;
        }
    }
}
