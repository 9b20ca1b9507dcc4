using Microsoft.Extensions.Options;
using Payments.ServiceDefaults.Failures;
using Payments.ZnodeService.Client;

namespace Payments.ZnodeService.Payments;

/// <summary>
/// A Stripe payment in Znode's terms: the order's payment state (set by name: <c>orders/updateorderpaymentstatus</c>) and its
/// transaction id. Znode has no "record this capture" call (docs/external-apis/znode.md#payment-states). Each write is skipped
/// when Znode already shows its result, so a redelivered command changes nothing.
/// </summary>
public sealed class ZnodePayments(ZnodeClient znode, IOptions<ZnodePaymentOptions> options, ILogger<ZnodePayments> logger)
{
    ZnodePaymentOptions Settings => options.Value;

    /// <summary>Payment state <c>CAPTURED</c> and the transaction id; returns the status as Znode names it afterwards.</summary>
    public async Task<string> RecordCaptureAsync(ZnodeOrderModel order, string paymentIntentId, string? chargeId, CancellationToken cancellationToken)
    {
        await SetStatusAsync(order, Settings.CapturedStatus, cancellationToken);
        var transactionId = Settings.TransactionId == TransactionIdSource.Charge && !string.IsNullOrWhiteSpace(chargeId) ? chargeId : paymentIntentId;
        await SetTransactionIdAsync(order, transactionId, cancellationToken);
        return Settings.CapturedStatus;
    }

    /// <summary>
    /// Payment state <c>DECLINED</c>, unless Znode already shows the order captured (a late decline of an earlier attempt must not
    /// hide a payment that went through). Returns whether the status was (or already is) declined.
    /// </summary>
    public async Task<bool> RecordDeclineAsync(ZnodeOrderModel order, CancellationToken cancellationToken)
    {
        if (Is(order.PaymentStatus, Settings.CapturedStatus))
        {
            logger.LogWarning("Znode order {OrderNumber} is already {Status}; a declined attempt does not change that", order.OrderNumber, order.PaymentStatus);
            return false;
        }
        await SetStatusAsync(order, Settings.DeclinedStatus, cancellationToken);
        return true;
    }

    /// <summary>
    /// Payment state <c>REFUNDED</c> (a full refund) or <c>PARTIALLY REFUNDED</c>; a partial refund never lowers an order Znode
    /// already shows refunded whole (a late, redelivered partial). Returns the status the order shows afterwards.
    /// </summary>
    public async Task<string> RecordRefundAsync(ZnodeOrderModel order, bool full, CancellationToken cancellationToken)
    {
        if (!full && Is(order.PaymentStatus, Settings.RefundedStatus))
        {
            logger.LogInformation("Znode order {OrderNumber} is already {Status}; a partial refund leaves it so", order.OrderNumber, order.PaymentStatus);
            return Settings.RefundedStatus;
        }
        var status = full ? Settings.RefundedStatus : Settings.PartiallyRefundedStatus;
        await SetStatusAsync(order, status, cancellationToken);
        return status;
    }

    /// <summary>
    /// The status a failed refund leaves the order in, by the flow's name (<c>CAPTURED</c>, <c>PARTIALLY REFUNDED</c>, <c>REFUNDED</c>)
    /// in this installation's spelling (<c>Znode:Payments:*Status</c>); set unless Znode already shows it. Returns it.
    /// </summary>
    public async Task<string> RestoreAfterFailedRefundAsync(ZnodeOrderModel order, string flowStatus, CancellationToken cancellationToken)
    {
        var status = flowStatus.Trim().ToUpperInvariant() switch
        {
            "CAPTURED" => Settings.CapturedStatus,
            "PARTIALLY REFUNDED" or "PARTIALLY_REFUNDED" => Settings.PartiallyRefundedStatus,
            "REFUNDED" => Settings.RefundedStatus,
            _ => flowStatus.Trim(),
        };
        await SetStatusAsync(order, status, cancellationToken);
        return status;
    }

    public async Task SetTransactionIdAsync(ZnodeOrderModel order, string transactionId, CancellationToken cancellationToken)
    {
        if (string.Equals(order.TransactionId, transactionId, StringComparison.Ordinal)) return;
        if (!await znode.SetTransactionIdAsync(order.OmsOrderId, transactionId, cancellationToken))
            throw new PermanentFailureException($"Znode did not set the transaction id of order {order.OrderNumber} (IsSuccess false: no active order detail).", ZnodeClient.SystemName);
    }

    async Task SetStatusAsync(ZnodeOrderModel order, string status, CancellationToken cancellationToken)
    {
        // Reads show the name in proper case ("Captured"); writes take Znode's name ("CAPTURED").
        if (Is(order.PaymentStatus, status)) return;
        if (!await znode.SetPaymentStatusAsync(order.OmsOrderId, status, cancellationToken))
            throw new PermanentFailureException($"Znode did not set the payment status of order {order.OrderNumber} to {status} (IsSuccess false: no active order detail).", ZnodeClient.SystemName);
        logger.LogInformation("Znode order {OrderNumber} payment status {From} -> {To}", order.OrderNumber, order.PaymentStatus, status);
    }

    static bool Is(string? actual, string expected) => string.Equals(actual?.Trim(), expected.Trim(), StringComparison.OrdinalIgnoreCase);
}
