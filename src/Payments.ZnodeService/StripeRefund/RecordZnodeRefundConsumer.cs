using MassTransit;
using Payments.Contracts.StripeRefund;
using Payments.Domain.Money;
using Payments.Domain.Refunds;
using Payments.ServiceDefaults.Failures;
using Payments.ZnodeService.Orders;
using Payments.ZnodeService.Payments;

namespace Payments.ZnodeService.StripeRefund;

/// <summary>
/// A Stripe refund on the Znode order: payment status <c>REFUNDED</c> (scope <c>Full</c>) or <c>PARTIALLY REFUNDED</c>
/// (<c>Znode:Payments:RefundedStatus</c>, <c>PartiallyRefundedStatus</c>), and a history note with the refund id and its own
/// amount, once (its reference is <c>refunds/{refundId}</c>). Each write is skipped when Znode already shows it, so a redelivery
/// changes nothing. Answers <c>ZnodeRefundRecorded</c>.
/// </summary>
public sealed class RecordZnodeRefundConsumer(ZnodeOrders orders, ZnodePayments payments) : IConsumer<RecordZnodeRefund>
{
    public async Task Consume(ConsumeContext<RecordZnodeRefund> context)
    {
        var command = context.Message;
        var cancellationToken = context.CancellationToken;
        if (!Enum.TryParse<RefundScope>(command.Scope, ignoreCase: true, out var scope) || !Enum.IsDefined(scope))
            throw new PermanentFailureException($"RecordZnodeRefund for refund {command.RefundId} has scope '{command.Scope}', neither Full nor Partial.");
        var full = scope == RefundScope.Full;
        var order = await orders.ReadByNumberAsync(command.OrderNumber, cancellationToken);
        var status = await payments.RecordRefundAsync(order, full, cancellationToken);
        var amount = MinorUnits.ToDecimal(command.AmountMinor, command.Currency);
        var rma = command.ZnodeReturnNumber is { Length: > 0 } returnNumber ? $", return {returnNumber}" : "";
        await orders.AddNoteOnceAsync(order, $"refunds/{command.RefundId}",
            $"Refunded by Stripe: {AmountText.Format(amount, command.Currency)} ({(full ? "full" : "partial")} refund {command.RefundId}{rma}).",
            command.RefundId, amount, cancellationToken);

        await context.Publish(new ZnodeRefundRecorded
        {
            CorrelationId = command.CorrelationId,
            RefundId = command.RefundId,
            OrderNumber = command.OrderNumber,
            PaymentStatus = status,
        }, cancellationToken);
    }
}
