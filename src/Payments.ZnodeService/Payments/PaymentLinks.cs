using System.Globalization;
using Microsoft.Extensions.Options;

namespace Payments.ZnodeService.Payments;

/// <summary>Builds the shopper's payment link from <see cref="ZnodePaymentOptions.PaymentLinkTemplate"/> (placeholders URL-escaped).</summary>
public sealed class PaymentLinks(IOptions<ZnodePaymentOptions> options)
{
    public static readonly IReadOnlyList<string> Placeholders = ["{orderNumber}", "{omsOrderId}", "{paymentIntentId}", "{clientSecret}", "{amount}", "{currency}"];

    /// <summary>The link, or null when no template is configured.</summary>
    public string? For(string orderNumber, long omsOrderId, string? paymentIntentId, string? clientSecret, decimal amount, string currency)
    {
        var template = options.Value.PaymentLinkTemplate;
        if (string.IsNullOrWhiteSpace(template)) return null;
        return template
            .Replace("{orderNumber}", Uri.EscapeDataString(orderNumber), StringComparison.Ordinal)
            .Replace("{omsOrderId}", omsOrderId.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{paymentIntentId}", Uri.EscapeDataString(paymentIntentId ?? ""), StringComparison.Ordinal)
            .Replace("{clientSecret}", Uri.EscapeDataString(clientSecret ?? ""), StringComparison.Ordinal)
            .Replace("{amount}", amount.ToString("0.##########", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{currency}", Uri.EscapeDataString(currency), StringComparison.Ordinal);
    }

    /// <summary>Whether the template needs the PaymentIntent (so a link cannot be rebuilt from the order alone).</summary>
    public bool NeedsPaymentIntent => options.Value.PaymentLinkTemplate is { } template
        && (template.Contains("{paymentIntentId}", StringComparison.Ordinal) || template.Contains("{clientSecret}", StringComparison.Ordinal));
}
