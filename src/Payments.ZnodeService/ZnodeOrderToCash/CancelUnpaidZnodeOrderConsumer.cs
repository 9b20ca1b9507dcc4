using MassTransit;
using Microsoft.Extensions.Options;
using Payments.Contracts.ZnodeOrderToCash;
using Payments.ServiceDefaults.Failures;
using Payments.ZnodeService.Client;
using Payments.ZnodeService.Orders;
using Payments.ZnodeService.Payments;

namespace Payments.ZnodeService.ZnodeOrderToCash;

/// <summary>
/// Znode's part of cancelling an unpaid order: the order moved to <c>Znode:Orders:CanceledOrderState</c> (CANCELED) with a history
/// note (once, by its reference <c>payments/canceled/{PaymentIntent}</c>). An order Znode shows as captured is not cancelled: that
/// is a permanent failure for a person to look at. The PaymentIntent's cancellation is the Stripe service's. Answers
/// <c>UnpaidZnodeOrderCanceled</c>.
/// </summary>
public sealed class CancelUnpaidZnodeOrderConsumer(ZnodeOrders orders, IOptions<ZnodeOrderOptions> orderOptions, IOptions<ZnodePaymentOptions> paymentOptions)
    : IConsumer<CancelUnpaidZnodeOrder>
{
    public async Task Consume(ConsumeContext<CancelUnpaidZnodeOrder> context)
    {
        var command = context.Message;
        var cancellationToken = context.CancellationToken;
        var order = await orders.ReadAsync(command.OmsOrderId, command.OrderNumber, cancellationToken);
        if (string.Equals(order.PaymentStatus?.Trim(), paymentOptions.Value.CapturedStatus, StringComparison.OrdinalIgnoreCase))
            throw new PermanentFailureException($"Znode shows order {command.OrderNumber} as {order.PaymentStatus}: an unpaid-order cancellation must not cancel it.", ZnodeClient.SystemName);

        var state = await orders.MoveToStateAsync(order, orderOptions.Value.CanceledOrderState, cancellationToken);
        await orders.AddNoteOnceAsync(order, $"payments/canceled/{command.PaymentIntentId}",
            $"Canceled: not paid in time (PaymentIntent {command.PaymentIntentId}).", null, null, cancellationToken);

        await context.Publish(new UnpaidZnodeOrderCanceled
        {
            CorrelationId = command.CorrelationId,
            OrderNumber = command.OrderNumber,
            OrderState = state ?? orderOptions.Value.CanceledOrderState,
        }, cancellationToken);
    }
}

