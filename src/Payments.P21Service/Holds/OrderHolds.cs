using Microsoft.Extensions.Options;
using Payments.Domain.P21;
using Payments.P21Service.Client;
using Payments.P21Service.Client.Transactions;
using Payments.ServiceDefaults.Failures;

namespace Payments.P21Service.Holds;

/// <summary>
/// Holds and releases a sales order through an <c>Order</c> update keyed by <c>order_no</c> (only the key and the hold field in the header:
/// P21 refuses other columns on an update): <c>approved</c> OFF/ON, or a hold class (<see cref="HoldOptions"/>). The order is read first, so
/// holding a held order or releasing a released one changes nothing (a redelivery, a second dispute on the same order).
/// </summary>
public sealed class OrderHolds(IP21Api api, P21Transactions transactions, IOptions<HoldOptions> options, TimeProvider time, ILogger<OrderHolds> logger)
{
    public const string Header = "TABPAGE_1.order";
    const string HoldClassField = "order_hold_class_id";

    /// <summary>The configured method's name, as the hold events report it.</summary>
    public string Method => options.Value.Method.ToString();

    /// <summary>
    /// Puts the order on hold; returns whether this call placed the hold (false: it was already held, by someone else or an earlier
    /// call), so that the caller releases only a hold it placed.
    /// </summary>
    public async Task<bool> HoldAsync(string orderNo, string reason, CancellationToken cancellationToken)
    {
        var order = await ReadAsync(orderNo, cancellationToken);
        if (IsHeld(order))
        {
            logger.LogInformation("P21 order {OrderNo} is already on hold ({Method}); not placed again: {Reason}", orderNo, Method, reason);
            return false;
        }
        await transactions.PostAsync(Update(orderNo, hold: true), $"the hold of P21 order {orderNo}", cancellationToken);
        logger.LogInformation("Put P21 order {OrderNo} on hold ({Method}): {Reason}", orderNo, Method, reason);
        return true;
    }

    public async Task ReleaseAsync(string orderNo, string reason, CancellationToken cancellationToken)
    {
        var order = await ReadAsync(orderNo, cancellationToken);
        if (!IsHeld(order))
        {
            logger.LogInformation("P21 order {OrderNo} is not on hold ({Method}); nothing to release: {Reason}", orderNo, Method, reason);
            return;
        }
        await transactions.PostAsync(Update(orderNo, hold: false), $"the release of P21 order {orderNo}", cancellationToken);
        logger.LogInformation("Released the hold on P21 order {OrderNo} ({Method}): {Reason}", orderNo, Method, reason);
    }

    bool IsHeld(OrderHeaderRow order) => options.Value.Method == HoldMethod.Approved
        ? order.Approved == "N"
        : string.Equals(order.OrderHoldClassId?.Trim(), options.Value.HoldClassId?.Trim(), StringComparison.OrdinalIgnoreCase);

    TransactionSet Update(string orderNo, bool hold) => TransactionSet.For("Order").Form(Header, header =>
    {
        header.Field("order_no", orderNo);
        if (options.Value.Method == HoldMethod.Approved) header.Field("approved", hold ? "OFF" : "ON");
        else header.Field(HoldClassField, hold ? options.Value.HoldClassId!.Trim() : "");
    }).Build();

    async Task<OrderHeaderRow> ReadAsync(string orderNo, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(orderNo)) throw new PermanentFailureException("No P21 order number was given.");
        var select = "order_no,approved,rma_flag" + (options.Value.Method == HoldMethod.HoldClass ? "," + HoldClassField : "");
        var order = (await P21Failures.CallAsync($"P21 order {orderNo}",
                () => api.QueryOrderHeadersAsync($"order_no eq {P21Formats.ODataString(orderNo.Trim())}", select, 1, cancellationToken), time, cancellationToken))
            .Value.FirstOrDefault()
            ?? throw new PermanentFailureException($"P21 order {orderNo} does not exist; nothing to hold or release.", "P21");
        if (order.RmaFlag == "Y") throw new PermanentFailureException($"P21 document {orderNo} is an RMA, not a sales order.", "P21");
        return order;
    }
}
