using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Payments.ServiceDefaults.Failures;
using Payments.ZnodeService.Client;

namespace Payments.ZnodeService.Orders;

/// <summary>
/// Znode orders as the flows need them: read one (with its history when a note is to be written), move it to a state by name,
/// and write a history note once. A note carries a reference (<c>[ref: …]</c>) that names what it records; a note whose reference
/// is already in the order's history is not written again, so a redelivered command adds nothing.
/// </summary>
public sealed class ZnodeOrders(ZnodeClient znode, IOptions<ZnodeOrderOptions> options, IMemoryCache cache, ILogger<ZnodeOrders> logger)
{
    ZnodeOrderOptions Settings => options.Value;

    /// <summary>The order as Znode has it now; a missing order is a permanent failure (nothing to record on).</summary>
    public async Task<ZnodeOrderModel> ReadAsync(long omsOrderId, string orderNumber, CancellationToken cancellationToken)
    {
        var id = ToZnodeId(omsOrderId, orderNumber);
        var order = await znode.GetOrderAsync(id, withHistory: Settings.ReadHistoryBeforeNote, cancellationToken)
            ?? throw new PermanentFailureException($"Znode has no order {id} (order number {orderNumber}): it answered 204 to orders/{id}.", ZnodeClient.SystemName);
        if (!string.Equals(order.OrderNumber, orderNumber, StringComparison.OrdinalIgnoreCase))
            throw new PermanentFailureException($"Znode's order {id} is {order.OrderNumber}, not {orderNumber}: refusing to record on another order.", ZnodeClient.SystemName);
        return order;
    }

    /// <summary>The order by its number (the refund flow knows no Znode id); a missing order is a permanent failure.</summary>
    public async Task<ZnodeOrderModel> ReadByNumberAsync(string orderNumber, CancellationToken cancellationToken) =>
        await znode.GetOrderByNumberAsync(orderNumber, withHistory: Settings.ReadHistoryBeforeNote, cancellationToken)
        ?? throw new PermanentFailureException($"Znode has no order {orderNumber}: it answered 204 to orders/getbyordernumber/{orderNumber}.", ZnodeClient.SystemName);

    /// <summary>Znode's order ids are <c>int</c>; ours are <c>long</c> in the contracts.</summary>
    public static int ToZnodeId(long omsOrderId, string orderNumber) => omsOrderId is > 0 and <= int.MaxValue
        ? (int)omsOrderId
        : throw new PermanentFailureException($"Order {orderNumber} has no valid Znode order id ({omsOrderId}).");

    /// <summary>
    /// Moves the order to <paramref name="stateName"/> unless it is there already (empty: no move). Returns the state it is in
    /// afterwards, in Znode's spelling. The tracking number is sent back unchanged: Znode overwrites it on every state change.
    /// </summary>
    public async Task<string?> MoveToStateAsync(ZnodeOrderModel order, string? stateName, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(stateName)) return order.OrderState;
        var state = await FindStateAsync(stateName, cancellationToken);
        if (order.OmsOrderStateId == state.OrderStateId) return order.OrderState;
        var moved = await znode.SetOrderStateAsync(new ZnodeOrderStateUpdate
        {
            OmsOrderId = order.OmsOrderId, OmsOrderDetailsId = order.OmsOrderDetailsId, OmsOrderStateId = state.OrderStateId, TrackingNumber = order.TrackingNumber,
        }, cancellationToken);
        if (!moved)
            throw new PermanentFailureException($"Znode did not move order {order.OrderNumber} to {state.OrderStateName} (IsSuccess false: no active order detail).", ZnodeClient.SystemName);
        // Named as Znode's reads name it ("Canceled"), whatever the table's spelling.
        var now = System.Globalization.CultureInfo.InvariantCulture.TextInfo.ToTitleCase((state.OrderStateName ?? stateName).ToLowerInvariant());
        logger.LogInformation("Znode order {OrderNumber} moved from {From} to {To}", order.OrderNumber, order.OrderState, now);
        return now;
    }

    /// <summary>
    /// Writes <paramref name="message"/> to the order's history with <paramref name="reference"/> appended, unless a note with that
    /// reference is already there (<see cref="ZnodeOrderOptions.ReadHistoryBeforeNote"/>). True when written now.
    /// </summary>
    public async Task<bool> AddNoteOnceAsync(ZnodeOrderModel order, string reference, string message, string? transactionId, decimal? amount,
        CancellationToken cancellationToken)
    {
        var marker = $"[ref: {reference}]";
        if (Settings.ReadHistoryBeforeNote && HasNote(order, marker))
        {
            logger.LogInformation("Znode order {OrderNumber} already has the note {Reference}; not written again", order.OrderNumber, reference);
            return false;
        }
        var written = await znode.AddHistoryAsync(new ZnodeOrderHistoryModel
        {
            OmsOrderId = order.OmsOrderId,
            OmsOrderDetailsId = order.OmsOrderDetailsId,
            Message = $"{message} {marker}",
            TransactionId = transactionId,
            OrderAmount = amount,
            UpdatedBy = Settings.NoteAuthor,
        }, cancellationToken);
        return written is not null;
    }

    public static bool HasNote(ZnodeOrderModel order, string marker) =>
        order.OrderHistoryList?.OrderHistoryList?.Any(h => (h.Message?.Contains(marker, StringComparison.Ordinal) ?? false)
                                                           || (h.Notes?.Contains(marker, StringComparison.Ordinal) ?? false)) ?? false;

    async Task<ZnodeOrderStateModel> FindStateAsync(string name, CancellationToken cancellationToken)
    {
        var states = await cache.GetOrCreateAsync("znode-order-states", async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = Settings.StateTableCacheDuration;
            return await znode.ListOrderStatesAsync(cancellationToken);
        }) ?? [];
        return states.FirstOrDefault(s => Same(s.OrderStateName, name))
            // Znode renamed CANCELLED to CANCELED; installations may have either.
            ?? states.FirstOrDefault(s => Same(name, "CANCELLED") && Same(s.OrderStateName, "CANCELED") || Same(name, "CANCELED") && Same(s.OrderStateName, "CANCELLED"))
            ?? throw new PermanentFailureException(
                $"Znode has no order state '{name}' (it has {string.Join(", ", states.Select(s => s.OrderStateName))}): check {ZnodeOrderOptions.Section}.", ZnodeClient.SystemName);
    }

    static bool Same(string? a, string? b) => string.Equals(a?.Trim(), b?.Trim(), StringComparison.OrdinalIgnoreCase);
}
