using MassTransit;
using Microsoft.Extensions.Options;
using Payments.Contracts.ZnodeOrderToCash;
using Payments.Domain.Money;
using Payments.ZnodeService.Orders;
using Payments.ZnodeService.Payments;

namespace Payments.ZnodeService.ZnodeOrderToCash;

/// <summary>
/// The captured payment in Znode: payment status CAPTURED, the Stripe transaction id, a history note (once, by its reference
/// <c>payments/captured/{PaymentIntent}</c>), the order moved to <c>Znode:Orders:PaidOrderState</c> when set. Each step is skipped
/// when Znode already shows it, so a redelivery changes nothing. Answers <c>ZnodeOrderPaymentRecorded</c>.
/// </summary>
public sealed class RecordZnodeOrderPaymentConsumer(ZnodeOrders orders, ZnodePayments payments, IOptions<ZnodeOrderOptions> options) : IConsumer<RecordZnodeOrderPayment>
{
    public async Task Consume(ConsumeContext<RecordZnodeOrderPayment> context)
    {
        var command = context.Message;
        var cancellationToken = context.CancellationToken;
        var order = await orders.ReadAsync(command.OmsOrderId, command.OrderNumber, cancellationToken);
        var status = await payments.RecordCaptureAsync(order, command.PaymentIntentId, command.ChargeId, cancellationToken);
        var amount = MinorUnits.ToDecimal(command.AmountMinor, command.Currency);
        var charge = command.ChargeId is { Length: > 0 } id ? $", charge {id}" : "";
        await orders.AddNoteOnceAsync(order, $"payments/captured/{command.PaymentIntentId}",
            $"Payment captured by Stripe: {AmountText.Format(amount, command.Currency)} (PaymentIntent {command.PaymentIntentId}{charge}).",
            command.ChargeId ?? command.PaymentIntentId, amount, cancellationToken);
        var state = await orders.MoveToStateAsync(order, options.Value.PaidOrderState, cancellationToken);

        await context.Publish(new ZnodeOrderPaymentRecorded
        {
            CorrelationId = command.CorrelationId,
            OrderNumber = command.OrderNumber,
            PaymentStatus = status,
            OrderState = state,
        }, cancellationToken);
    }
}
