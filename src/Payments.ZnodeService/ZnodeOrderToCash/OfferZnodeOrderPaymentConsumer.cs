using MassTransit;
using Microsoft.Extensions.Options;
using Payments.Contracts.ZnodeOrderToCash;
using Payments.Domain.Money;
using Payments.ZnodeService.Data;
using Payments.ZnodeService.Orders;
using Payments.ZnodeService.Payments;
using Payments.ZnodeService.ShopperMail;

namespace Payments.ZnodeService.ZnodeOrderToCash;

/// <summary>
/// Makes the PaymentIntent available to the shopper as <c>Znode:Payments</c> says: a history note on the order (once, by its
/// reference <c>payments/offered/{PaymentIntent}</c>), the PaymentIntent id as the order's transaction id, and a mail with the link
/// built from <c>PaymentLinkTemplate</c>. The offer (with its link) is kept for the reminder and the decline mail. Answers
/// <c>ZnodeOrderPaymentOffered</c>.
/// </summary>
public sealed class OfferZnodeOrderPaymentConsumer(
    ZnodeOrders orders,
    ZnodePayments payments,
    PaymentLinks links,
    ShopperMailer mailer,
    ZnodeServiceDbContext db,
    TimeProvider time,
    IOptions<ZnodePaymentOptions> paymentOptions,
    IOptions<ShopperMailOptions> mailOptions) : IConsumer<OfferZnodeOrderPayment>
{
    public async Task Consume(ConsumeContext<OfferZnodeOrderPayment> context)
    {
        var command = context.Message;
        var cancellationToken = context.CancellationToken;
        var settings = paymentOptions.Value;
        var order = await orders.ReadAsync(command.OmsOrderId, command.OrderNumber, cancellationToken);
        var amount = MinorUnits.ToDecimal(command.AmountMinor, command.Currency);
        var link = links.For(command.OrderNumber, command.OmsOrderId, command.PaymentIntentId, command.ClientSecret, amount, command.Currency);
        await KeepOfferAsync(command, order.OmsOrderId, link, cancellationToken);

        var email = command.ShopperEmail ?? order.Email;
        var mailing = settings.OfferEmail && mailer.Enabled && !string.IsNullOrWhiteSpace(email);
        var written = false;
        if (settings.OfferTransactionId)
        {
            await payments.SetTransactionIdAsync(order, command.PaymentIntentId, cancellationToken);
            written = true;
        }
        if (settings.OfferNote)
        {
            var how = mailing ? " The payment link is e-mailed to the shopper." : "";
            var where = settings.OfferNoteIncludesLink && link is not null ? $" Pay at: {link}" : "";
            await orders.AddNoteOnceAsync(order, $"payments/offered/{command.PaymentIntentId}",
                $"Payment requested through Stripe: {AmountText.Format(amount, command.Currency)} (PaymentIntent {command.PaymentIntentId}).{how}{where}",
                null, amount, cancellationToken);
            written = true;
        }
        var emailed = mailing && await mailer.SendAsync(
            ShopperMailTemplates.PaymentRequested(email!, mailOptions.Value.StoreName, command.OrderNumber, amount, command.Currency, link,
                $"offer.{command.OrderNumber}.{command.PaymentIntentId}"),
            cancellationToken) == MailOutcome.Sent;

        await context.Publish(new ZnodeOrderPaymentOffered
        {
            CorrelationId = command.CorrelationId,
            OrderNumber = command.OrderNumber,
            WrittenToOrder = written,
            Emailed = emailed,
        }, cancellationToken);
    }

    async Task KeepOfferAsync(OfferZnodeOrderPayment command, int omsOrderId, string? link, CancellationToken cancellationToken)
    {
        var offer = await db.PaymentOffers.FindAsync([command.OrderNumber], cancellationToken);
        if (offer is null)
        {
            offer = new PaymentOffer { OrderNumber = command.OrderNumber, PaymentIntentId = command.PaymentIntentId, Currency = command.Currency };
            db.PaymentOffers.Add(offer);
        }
        offer.OmsOrderId = omsOrderId;
        offer.PaymentIntentId = command.PaymentIntentId;
        offer.PaymentLink = link;
        offer.AmountMinor = command.AmountMinor;
        offer.Currency = command.Currency;
        offer.OfferedAtUtc = time.GetUtcNow().UtcDateTime;
    }
}

