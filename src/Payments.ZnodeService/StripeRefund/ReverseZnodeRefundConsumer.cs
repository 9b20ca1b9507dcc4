using MassTransit;
using Payments.Contracts.StripeRefund;
using Payments.Domain.Money;
using Payments.ZnodeService.Orders;
using Payments.ZnodeService.Payments;

namespace Payments.ZnodeService.StripeRefund;

/// <summary>
/// A refund that failed after Znode showed it: the payment status back to what the flow says (<c>CAPTURED</c>, or
/// <c>PARTIALLY REFUNDED</c> while other refunds stand, in this installation's spelling) and a history note with Stripe's reason,
/// once (<c>refunds/{refundId}/reversed</c>). Skipped where Znode already shows it. Answers <c>ZnodeRefundReversed</c>.
/// </summary>
public sealed class ReverseZnodeRefundConsumer(ZnodeOrders orders, ZnodePayments payments) : IConsumer<ReverseZnodeRefund>
{
    public async Task Consume(ConsumeContext<ReverseZnodeRefund> context)
    {
        var command = context.Message;
        var cancellationToken = context.CancellationToken;
        var order = await orders.ReadByNumberAsync(command.OrderNumber, cancellationToken);
        var status = await payments.RestoreAfterFailedRefundAsync(order, command.PaymentStatus, cancellationToken);
        var amount = MinorUnits.ToDecimal(command.AmountMinor, command.Currency);
        await orders.AddNoteOnceAsync(order, $"refunds/{command.RefundId}/reversed",
            $"Refund {command.RefundId} of {AmountText.Format(amount, command.Currency)} failed in Stripe and is reversed: {command.Reason}. Payment status {status}.",
            command.RefundId, null, cancellationToken);

        await context.Publish(new ZnodeRefundReversed
        {
            CorrelationId = command.CorrelationId,
            RefundId = command.RefundId,
            OrderNumber = command.OrderNumber,
            PaymentStatus = status,
        }, cancellationToken);
    }
}
