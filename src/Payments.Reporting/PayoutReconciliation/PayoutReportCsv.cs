using System.Globalization;
using CsvHelper;
using Payments.Contracts.PayoutReconciliation;

namespace Payments.Reporting.PayoutReconciliation;

/// <summary>
/// The payout report as CSV (RFC 4180, CsvHelper): a summary block of <c>label,value[,currency]</c> records (the payout, its
/// state and journal, the totals, the conversions, the journal lines, every flag), then a header and one record per balance
/// transaction. The lines are written as they are enumerated and the writer flushes as its buffer fills, so a payout of
/// 10,000 transactions is never held in memory.
/// </summary>
public static class PayoutReportCsv
{
    /// <summary>The columns of the balance-transaction records, in order.</summary>
    public static readonly string[] LineColumns =
    [
        "Created (UTC)", "Balance transaction", "Type", "Reporting category", "Category", "Gross", "Fee", "Net", "Currency",
        "Fee details", "Original amount", "Original currency", "Exchange rate", "Charge", "Source", "P21 order", "Znode order",
        "Description", "Flag",
    ];

    static readonly CsvWriterOptions Options = CsvWriterOptions.Default with
    {
        // The summary's records are shorter than the lines'; a spreadsheet reads both.
        ValidateFieldCount = false,
        // Descriptions come from customers and Stripe: a text field starting with = + - @ is escaped so a spreadsheet never runs it
        // (OWASP, CSV injection). CsvHelper applies this to text only, so negative amounts stay numbers.
        Injection = CsvInjection.Escape,
    };

    /// <summary>Writes the report to <paramref name="output"/> (left open) and returns how many balance transactions were written.</summary>
    public static async Task<long> WriteAsync(PayoutReport report, IAsyncEnumerable<PayoutReportLine> lines, TextWriter output,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(lines);
        await using var csv = CsvWriter.Create(output, Options, leaveOpen: true);
        WriteSummary(csv, report);

        csv.WriteHeader(LineColumns);
        long count = 0;
        await foreach (var line in lines.WithCancellation(cancellationToken))
        {
            WriteLine(csv, line);
            await csv.EndRecordAsync(cancellationToken);
            count++;
        }
        await csv.FlushAsync(cancellationToken);
        return count;
    }

    static void WriteSummary(CsvWriter csv, PayoutReport report)
    {
        var currency = report.Currency;
        Record(csv, "Stripe payout", report.PayoutId);
        Record(csv, "Arrival date", report.ArrivalDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Money(csv, "Amount", report.Amount, currency);
        Record(csv, "State", report.State);
        Record(csv, "Stripe status", report.Status);
        Record(csv, "Automatic", report.Automatic ? "yes" : "no");
        Record(csv, "Description", report.Description);
        Record(csv, "Run", report.Run.ToString(CultureInfo.InvariantCulture));
        Record(csv, "P21 journal", report.JournalNumber);
        Record(csv, "P21 period", report.Period);
        Record(csv, "Reversal journal", report.ReversalJournalNumber);
        if (report.PayoutFailureCode is not null || report.PayoutFailureMessage is not null)
            Record(csv, "Payout failure", $"{report.PayoutFailureCode}: {report.PayoutFailureMessage}");
        if (report.FailedStep is not null || report.FailureReason is not null)
            Record(csv, "Failed at", $"{report.FailedStep}: {report.FailureReason}");
        Record(csv, "Updated (UTC)", report.UpdatedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));

        if (report.Totals is { } totals)
        {
            Record(csv, "Balance transactions", totals.Count.ToString(CultureInfo.InvariantCulture));
            Money(csv, "Gross sales", totals.GrossSales, currency);
            Money(csv, "Refunds", totals.Refunds, currency);
            Money(csv, "Disputes", totals.Disputes, currency);
            foreach (var other in totals.OtherCategories)
                Money(csv, $"Other: {other.Name}", other.Amount, currency);
            // Fees are deducted: written negative, so the block sums to the net.
            foreach (var fee in totals.Fees)
                Money(csv, $"Fee: {fee.Name}", -fee.Amount, currency);
            Money(csv, "Net", totals.Net, currency);
        }
        else
        {
            Record(csv, "Balance transactions", "not listed yet");
        }

        foreach (var c in report.Conversions)
        {
            csv.WriteField("Conversion");
            csv.WriteField(c.OriginalCurrency);
            Amount(csv, c.OriginalAmount, c.OriginalCurrency);
            Amount(csv, c.SettlementAmount, currency);
            csv.WriteField(c.EffectiveRate, ReportMoney.RateFormat);
            csv.WriteField(c.MinRate, ReportMoney.RateFormat);
            csv.WriteField(c.MaxRate, ReportMoney.RateFormat);
            csv.WriteField(c.Count, "");
            csv.EndRecord();
        }

        foreach (var line in report.JournalLines)
        {
            csv.WriteField("Journal line");
            csv.WriteField(line.Account);
            Amount(csv, line.Amount, currency);
            csv.WriteField(line.Description);
            Amount(csv, line.ForeignAmount, line.ForeignCurrency);
            csv.WriteField(line.ForeignCurrency);
            csv.EndRecord();
        }

        Record(csv, "Flags", report.FlagCount.ToString(CultureInfo.InvariantCulture));
        foreach (var flag in report.Flags)
            Flag(csv, flag);
        if (report.FlagsNotListed > 0)
            Record(csv, "Flags not listed", $"{report.FlagsNotListed} more: the lines flagged '{NoOrder}' below");
    }

    static void WriteLine(CsvWriter csv, PayoutReportLine line)
    {
        csv.WriteField(line.Created.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
        csv.WriteField(line.BalanceTransactionId);
        csv.WriteField(line.Type);
        csv.WriteField(line.ReportingCategory);
        csv.WriteField(line.Category);
        Amount(csv, line.Gross, line.Currency);
        Amount(csv, line.Fee, line.Currency);
        Amount(csv, line.Net, line.Currency);
        csv.WriteField(line.Currency);
        csv.WriteField(line.Fees);
        Amount(csv, line.OriginalAmount, line.OriginalCurrency);
        csv.WriteField(line.OriginalCurrency);
        csv.WriteField(line.ExchangeRate, ReportMoney.RateFormat);
        csv.WriteField(line.ChargeId);
        csv.WriteField(line.SourceId);
        csv.WriteField(line.P21OrderNo);
        csv.WriteField(line.ZnodeOrderNumber);
        csv.WriteField(line.Description);
        csv.WriteField(line.OrderUnknown ? NoOrder : null);
    }

    /// <summary>The flag column of a line whose charge has no known order.</summary>
    public const string NoOrder = "UnknownOrder: no known order";

    static void Flag(CsvWriter csv, PayoutFlagItem flag)
    {
        csv.WriteField("Flag");
        csv.WriteField(flag.Kind);
        csv.WriteField(flag.Reason);
        csv.WriteField(flag.BalanceTransactionId);
        csv.WriteField(flag.ChargeId);
        csv.EndRecord();
    }

    static void Record(CsvWriter csv, string label, string? value)
    {
        csv.WriteField(label);
        csv.WriteField(value);
        csv.EndRecord();
    }

    static void Money(CsvWriter csv, string label, decimal amount, string currency)
    {
        csv.WriteField(label);
        Amount(csv, amount, currency);
        csv.WriteField(currency);
        csv.EndRecord();
    }

    /// <summary>An amount as a number (not text, so the injection guard leaves its minus sign alone), with the currency's places.</summary>
    static void Amount(CsvWriter csv, decimal? amount, string? currency)
    {
        if (amount is { } value && !string.IsNullOrWhiteSpace(currency))
            csv.WriteField(value, ReportMoney.PlainFormat(currency));
        else
            csv.WriteField((string?)null);
    }
}
