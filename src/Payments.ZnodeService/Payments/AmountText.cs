using System.Globalization;

namespace Payments.ZnodeService.Payments;

/// <summary>Amounts as the history notes and mails show them: <c>1,234.5 USD</c>.</summary>
public static class AmountText
{
    public static string Format(decimal amount, string currency) =>
        $"{amount.ToString("#,0.###", CultureInfo.InvariantCulture)} {currency.ToUpperInvariant()}";
}
