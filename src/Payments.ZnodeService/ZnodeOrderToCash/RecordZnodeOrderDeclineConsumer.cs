using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Payments.Contracts.ZnodeOrderToCash;
using Payments.ZnodeService.Data;
using Payments.ZnodeService.Orders;
using Payments.ZnodeService.Payments;
using Payments.ZnodeService.ShopperMail;

namespace Payments.ZnodeService.ZnodeOrderToCash;

/// <summary>
/// A declined attempt in Znode: payment status DECLINED (unless Znode already shows the order captured), a history note with
/// Stripe's decline code and message (once per command: its reference is the message id), the order state left alone unless
/// <c>Znode:Orders:DeclinedOrderState</c> says otherwise, and a mail to the shopper with the payment link offered before.
/// Answers <c>ZnodeOrderDeclineRecorded</c>.
/// </summary>
public sealed class RecordZnodeOrderDeclineConsumer(
    ZnodeOrders orders,
    ZnodePayments payments,
    ShopperMailer mailer,
    ZnodeServiceDbContext db,
    IOptions<ZnodeOrderOptions> orderOptions,
    IOptions<ShopperMailOptions> mailOptions) : IConsumer<RecordZnodeOrderDecline>
{
    public async Task Consume(ConsumeContext<RecordZnodeOrderDecline> context)
    {
        var command = context.Message;
        var cancellationToken = context.CancellationToken;
        var order = await orders.ReadAsync(command.OmsOrderId, command.OrderNumber, cancellationToken);
        var declined = await payments.RecordDeclineAsync(order, cancellationToken);
        var reason = $"{command.FailureMessage ?? "declined"}{(command.DeclineCode is { Length: > 0 } code ? $" ({code})" : "")}";
        await orders.AddNoteOnceAsync(order, $"payments/declined/{context.MessageId:N}",
            $"Payment declined by Stripe: {reason} (PaymentIntent {command.PaymentIntentId}).", null, null, cancellationToken);

        var notified = false;
        if (declined)
        {
            await orders.MoveToStateAsync(order, orderOptions.Value.DeclinedOrderState, cancellationToken);
            if ((command.ShopperEmail ?? order.Email) is { Length: > 0 } email)
            {
                var offer = await db.PaymentOffers.AsNoTracking().FirstOrDefaultAsync(o => o.OrderNumber == command.OrderNumber, cancellationToken);
                var mail = ShopperMailTemplates.PaymentDeclined(email, mailOptions.Value.StoreName, command.OrderNumber, command.DeclineCode, command.FailureMessage,
                    offer?.PaymentLink, $"declined.{command.OrderNumber}.{context.MessageId:N}");
                notified = await mailer.SendAsync(mail, cancellationToken) == MailOutcome.Sent;
            }
        }

        await context.Publish(new ZnodeOrderDeclineRecorded
        {
            CorrelationId = command.CorrelationId,
            OrderNumber = command.OrderNumber,
            ShopperNotified = notified,
        }, cancellationToken);
    }
}

