using System.Globalization;

namespace Payments.Domain.P21;

/// <summary>
/// Value formats P21 expects. Transaction API values are all strings (dates <c>yyyy-MM-dd</c>);
/// REST JSON datetimes carry no zone (<c>yyyy-MM-ddTHH:mm:ss</c>) and are read as the ERP's local time.
/// </summary>
public static class P21Formats
{
    public static string TransactionDate(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The calendar date an instant falls on in the ERP's time zone (a payment at 23:30 in New York is booked that day, not the next UTC day).</summary>
    public static DateOnly ErpDate(DateTimeOffset instant, TimeZoneInfo erpZone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, erpZone).DateTime);

    public static string RestDateTime(DateTimeOffset instant, TimeZoneInfo erpZone) =>
        TimeZoneInfo.ConvertTime(instant, erpZone).DateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>Money as a TAPI string: invariant culture, no grouping, at most P21's four decimals (decimal(19,4)).</summary>
    public static string Money(decimal amount) =>
        decimal.Round(amount, 4, MidpointRounding.ToEven).ToString("0.####", CultureInfo.InvariantCulture);

    public static string Quantity(decimal quantity) =>
        decimal.Round(quantity, 9, MidpointRounding.ToEven).ToString("0.#########", CultureInfo.InvariantCulture);

    /// <summary>P21 item ids are upper case (a lower-case id is accepted by TAPI but crashes the P21 client later).</summary>
    public static string ItemId(string sku) => sku.Trim().ToUpperInvariant();

    /// <summary>A string literal for an OData v4 <c>$filter</c>: single quotes doubled.</summary>
    public static string ODataString(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}
