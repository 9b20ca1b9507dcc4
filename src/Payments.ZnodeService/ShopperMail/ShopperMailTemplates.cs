using System.Text;
using Payments.ZnodeService.Payments;

namespace Payments.ZnodeService.ShopperMail;

/// <summary>A mail to a shopper: plain text. <see cref="Key"/> makes its Message-ID, so a mail sent again after a redelivery is the same mail.</summary>
public sealed record ShopperMessage(string To, string Subject, string Body, string Key);

/// <summary>The mails this service sends to shoppers, in code (one method each; <c>{store}</c> is <c>Znode:Mail:StoreName</c>).</summary>
public static class ShopperMailTemplates
{
    /// <summary>The order awaits payment: how to pay.</summary>
    public static ShopperMessage PaymentRequested(string to, string store, string orderNumber, decimal amount, string currency, string? link, string key) => new(
        to,
        $"Payment for your order {orderNumber}",
        Lines(
            "Hello,",
            "",
            $"Thank you for your order {orderNumber} at {store}. The amount due is {AmountText.Format(amount, currency)}.",
            link is null ? "We will send you the way to pay separately." : $"You can pay it here: {link}",
            "",
            $"— {store}"),
        key);

    /// <summary>A payment attempt was declined: what the bank said, and how to try again.</summary>
    public static ShopperMessage PaymentDeclined(string to, string store, string orderNumber, string? declineCode, string? failureMessage, string? link, string key) => new(
        to,
        $"Your payment for order {orderNumber} was declined",
        Lines(
            "Hello,",
            "",
            $"Your payment for order {orderNumber} at {store} did not go through.",
            $"The card issuer's answer: {failureMessage ?? "the payment was declined"}{(declineCode is null ? "" : $" ({declineCode})")}.",
            "Your order is kept. Please try again with another card or payment method" + (link is null ? "." : $": {link}"),
            "",
            $"— {store}"),
        key);

    /// <summary>The order is still unpaid.</summary>
    public static ShopperMessage PaymentReminder(string to, string store, string orderNumber, decimal amount, string currency, string? link, string key) => new(
        to,
        $"Reminder: order {orderNumber} is awaiting payment",
        Lines(
            "Hello,",
            "",
            $"Your order {orderNumber} at {store} is still awaiting payment of {AmountText.Format(amount, currency)}.",
            link is null ? "Please use the payment link we sent you earlier." : $"You can pay it here: {link}",
            "If the order is not paid, it will be cancelled.",
            "",
            $"— {store}"),
        key);

    static string Lines(params string[] lines)
    {
        var text = new StringBuilder();
        foreach (var line in lines) text.Append(line).Append("\r\n");
        return text.ToString();
    }
}
