using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Payments.Contracts.ZnodeOrderToCash;
using Payments.Domain.Money;
using Payments.ZnodeService.Data;
using Payments.ZnodeService.Orders;
using Payments.ZnodeService.Payments;
using Payments.ZnodeService.ShopperMail;

namespace Payments.ZnodeService.ZnodeOrderToCash;

/// <summary>
/// Reminds the shopper that the order is unpaid: a mail with the link offered before (or one built from the order alone when the
/// link template needs no PaymentIntent), and a history note saying so (once per command). Answers <c>ZnodeOrderPaymentReminded</c>.
/// </summary>
public sealed class RemindZnodeOrderPaymentConsumer(
    ZnodeOrders orders,
    PaymentLinks links,
    ShopperMailer mailer,
    ZnodeServiceDbContext db,
    IOptions<ShopperMailOptions> mailOptions) : IConsumer<RemindZnodeOrderPayment>
{
    public async Task Consume(ConsumeContext<RemindZnodeOrderPayment> context)
    {
        var command = context.Message;
        var cancellationToken = context.CancellationToken;
        var order = await orders.ReadAsync(command.OmsOrderId, command.OrderNumber, cancellationToken);
        var amount = MinorUnits.ToDecimal(command.AmountMinor, command.Currency);
        var offer = await db.PaymentOffers.AsNoTracking().FirstOrDefaultAsync(o => o.OrderNumber == command.OrderNumber, cancellationToken);
        var link = offer?.PaymentLink
                   ?? (links.NeedsPaymentIntent ? null : links.For(command.OrderNumber, command.OmsOrderId, null, null, amount, command.Currency));

        var emailed = false;
        if ((command.ShopperEmail ?? order.Email) is { Length: > 0 } email)
        {
            var mail = ShopperMailTemplates.PaymentReminder(email, mailOptions.Value.StoreName, command.OrderNumber, amount, command.Currency, link,
                $"reminder.{command.OrderNumber}.{context.MessageId:N}");
            emailed = await mailer.SendAsync(mail, cancellationToken) == MailOutcome.Sent;
        }
        if (emailed)
            await orders.AddNoteOnceAsync(order, $"payments/reminded/{context.MessageId:N}",
                $"Payment reminder e-mailed to the shopper ({AmountText.Format(amount, command.Currency)} due).", null, null, cancellationToken);

        await context.Publish(new ZnodeOrderPaymentReminded
        {
            CorrelationId = command.CorrelationId,
            OrderNumber = command.OrderNumber,
            Emailed = emailed,
        }, cancellationToken);
    }
}

