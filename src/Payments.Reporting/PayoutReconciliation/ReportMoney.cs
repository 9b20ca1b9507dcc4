using System.Globalization;
using Payments.Domain.Money;

namespace Payments.Reporting.PayoutReconciliation;

/// <summary>Money in the report: minor units to decimals by the currency's exponent, and written with exactly that many places (JPY 0, USD 2, KWD 3).</summary>
public static class ReportMoney
{
    public static decimal ToDecimal(long amountMinor, string currency) => MinorUnits.ToDecimal(amountMinor, currency);

    /// <summary>For a file a program reads (CSV): <c>-1234.50</c>, no grouping.</summary>
    public static string Plain(decimal amount, string currency) => amount.ToString(PlainFormat(currency), CultureInfo.InvariantCulture);

    /// <summary>The format string of <see cref="Plain"/>: <c>F0</c>, <c>F2</c>, <c>F3</c>.</summary>
    public static string PlainFormat(string currency) => "F" + CurrencyExponent.For(currency).ToString(CultureInfo.InvariantCulture);

    /// <summary>For a person (HTML): <c>-1,234.50</c>.</summary>
    public static string Grouped(decimal amount, string currency) =>
        amount.ToString("N" + CurrencyExponent.For(currency).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>An exchange rate as Stripe gives it, without trailing zeros: <c>1.0832</c>.</summary>
    public static string Rate(decimal rate) => rate.ToString(RateFormat, CultureInfo.InvariantCulture);

    public const string RateFormat = "0.############";
}
