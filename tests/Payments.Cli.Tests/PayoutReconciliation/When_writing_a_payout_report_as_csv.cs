using Microsoft.VisualBasic.FileIO;
using Payments.Reporting.PayoutReconciliation;

namespace Payments.Cli.Tests.PayoutReconciliation;

/// <summary><see cref="PayoutReportCsv"/>: the summary block, then one record per balance transaction, read back with an independent CSV parser.</summary>
public class When_writing_a_payout_report_as_csv
{
    [Test]
    public async Task Should_write_the_summary_with_the_totals_conversions_and_flags()
    {
        var records = await Write(PayoutReport.From(PayoutReports.FlaggedRow()), PayoutReports.Lines());

        Assert.Multiple(() =>
        {
            Assert.That(records[0], Is.EqualTo(new[] { "Stripe payout", PayoutReports.PayoutId }));
            Assert.That(Find(records, "Arrival date"), Is.EqualTo(new[] { "Arrival date", "2026-11-30" }));
            Assert.That(Find(records, "Amount"), Is.EqualTo(new[] { "Amount", "90.57", "USD" }));
            Assert.That(Find(records, "State"), Is.EqualTo(new[] { "State", "Flagged" }));
            Assert.That(Find(records, "Gross sales"), Is.EqualTo(new[] { "Gross sales", "160.83", "USD" }));
            Assert.That(Find(records, "Refunds"), Is.EqualTo(new[] { "Refunds", "-30.00", "USD" }));
            Assert.That(Find(records, "Disputes"), Is.EqualTo(new[] { "Disputes", "-20.00", "USD" }));
            Assert.That(Find(records, "Fee: stripe_fee"), Is.EqualTo(new[] { "Fee: stripe_fee", "-20.26", "USD" }));
            Assert.That(Find(records, "Net"), Is.EqualTo(new[] { "Net", "90.57", "USD" }));
            Assert.That(Find(records, "Conversion"), Is.EqualTo(new[] { "Conversion", "EUR", "10.00", "10.83", "1.083", "1.083", "1.083", "1" }));
            Assert.That(Find(records, "Flags"), Is.EqualTo(new[] { "Flags", "1" }));
            Assert.That(Find(records, "Flag"), Is.EqualTo(new[] { "Flag", "UnknownOrder", "Charge ch_3 (charge, balance transaction txn_4) has no known order.", "txn_4", "ch_3" }));
        });
    }

    [Test]
    public async Task Should_write_one_record_per_balance_transaction_with_its_figures()
    {
        var records = await Write(PayoutReport.From(PayoutReports.FlaggedRow()), PayoutReports.Lines());

        var header = records.FindIndex(r => r.SequenceEqual(PayoutReportCsv.LineColumns));
        Assert.That(header, Is.GreaterThan(0), "the lines' header follows the summary");
        var lines = records.Skip(header + 1).Select(r => PayoutReportCsv.LineColumns.Zip(r).ToDictionary(x => x.First, x => x.Second)).ToList();

        Assert.That(lines.Select(l => l["Balance transaction"]), Is.EqualTo(new[] { "txn_1", "txn_2", "txn_3", "txn_4" }));
        Assert.Multiple(() =>
        {
            Assert.That(lines[0]["Created (UTC)"], Is.EqualTo("2026-11-27 10:01:00"));
            Assert.That((lines[0]["Gross"], lines[0]["Fee"], lines[0]["Net"]), Is.EqualTo(("150.00", "4.65", "145.35")));
            Assert.That((lines[0]["Charge"], lines[0]["P21 order"], lines[0]["Flag"]), Is.EqualTo(("ch_1", "1001", "")));
            Assert.That((lines[1]["Category"], lines[1]["Net"]), Is.EqualTo(("refund", "-30.00")));
            Assert.That((lines[2]["Category"], lines[2]["Net"], lines[2]["Znode order"], lines[2]["Fee details"]),
                Is.EqualTo(("dispute_withdrawal", "-35.00", "ZN-9", "stripe_fee=15.00; tax=0.00")));
            Assert.That((lines[3]["Original amount"], lines[3]["Original currency"], lines[3]["Exchange rate"]), Is.EqualTo(("10.00", "EUR", "1.083")));
            Assert.That(lines[3]["Flag"], Is.EqualTo(PayoutReportCsv.NoOrder), "the flagged sale is marked on its line");
            Assert.That(lines.Sum(l => decimal.Parse(l["Net"], System.Globalization.CultureInfo.InvariantCulture)), Is.EqualTo(90.57m),
                "the nets sum to the payout");
        });
    }

    [Test]
    public async Task Should_escape_a_description_a_spreadsheet_would_run_but_keep_negative_amounts_numbers()
    {
        var hostile = PayoutReports.Line("txn_5", "refund", "refund", "refund", -1000, 0, "ch_1", p21: "1001",
            description: "=HYPERLINK(\"http://evil.example\",\"click\")");

        var records = await Write(PayoutReport.From(PayoutReports.FlaggedRow()), [hostile]);

        var line = records[^1];
        Assert.Multiple(() =>
        {
            Assert.That(line[Array.IndexOf(PayoutReportCsv.LineColumns, "Description")], Is.EqualTo("'=HYPERLINK(\"http://evil.example\",\"click\")"));
            Assert.That(line[Array.IndexOf(PayoutReportCsv.LineColumns, "Gross")], Is.EqualTo("-10.00"));
        });
    }

    [Test]
    public async Task Should_write_a_zero_decimal_currency_without_decimals()
    {
        var row = PayoutReports.FlaggedRow();
        row.Currency = "JPY";
        row.AmountMinor = 120000;
        row.Totals = """{"Count":1,"NetMinor":120000,"Gross":[{"Category":"charge","Type":"charge","Currency":"JPY","SettlementMinor":123600,"OriginalMinor":123600,"Count":1,"ConvertedCount":0}],"Fees":{"stripe_fee":3600}}""";
        row.Conversions = "[]";

        var records = await Write(PayoutReport.From(row),
            [PayoutReports.Line("txn_1", "charge", "charge", "charge", 123600, 3600, "ch_1", p21: "1001", currency: "JPY")]);

        Assert.Multiple(() =>
        {
            Assert.That(Find(records, "Amount"), Is.EqualTo(new[] { "Amount", "120000", "JPY" }));
            Assert.That(Find(records, "Fee: stripe_fee"), Is.EqualTo(new[] { "Fee: stripe_fee", "-3600", "JPY" }));
            Assert.That(records[^1][Array.IndexOf(PayoutReportCsv.LineColumns, "Net")], Is.EqualTo("120000"));
        });
    }

    static string[] Find(List<string[]> records, string label) => records.First(r => r[0] == label);

    static async Task<List<string[]>> Write(PayoutReport report, IEnumerable<Payments.Reporting.PayoutReconciliation.PayoutTransactionLineRow> rows)
    {
        var output = new StringWriter();
        var count = await PayoutReportCsv.WriteAsync(report, PayoutReports.Stream(rows), output);
        Assert.That(count, Is.EqualTo(rows.Count()));

        using var parser = new TextFieldParser(new StringReader(output.ToString())) { TextFieldType = FieldType.Delimited, HasFieldsEnclosedInQuotes = true };
        parser.SetDelimiters(",");
        var records = new List<string[]>();
        while (!parser.EndOfData)
            records.Add(parser.ReadFields()!);
        return records;
    }
}
