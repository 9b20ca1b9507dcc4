using System.Text.Json;
using Payments.Contracts.PayoutReconciliation;
using Payments.Reporting.PayoutReconciliation;

namespace Payments.Cli.Tests.PayoutReconciliation;

/// <summary><see cref="PayoutReportHtml"/>: one self-contained page a controller reads, every value encoded.</summary>
public class When_writing_a_payout_report_as_html
{
    [Test]
    public async Task Should_head_the_page_with_the_payout_date_amount_state_and_journal()
    {
        var html = await Write(PayoutReport.From(PayoutReports.PostedRow()), PayoutReports.Lines());

        Assert.Multiple(() =>
        {
            Assert.That(html, Does.StartWith("<!DOCTYPE html>"));
            Assert.That(html, Does.Contain($"<h1>Stripe payout {PayoutReports.PayoutId}</h1>"));
            Assert.That(html, Does.Contain("<dt>Arrival date</dt><dd>2026-11-30</dd>"));
            Assert.That(html, Does.Contain("<dt>Amount</dt><dd>90.57 USD</dd>"));
            Assert.That(html, Does.Contain("<dt>State</dt><dd>Posted</dd>"));
            Assert.That(html, Does.Contain("<dt>P21 journal</dt><dd>GL-000042 (period 2026-11)</dd>"));
            Assert.That(html, Does.Contain("No flags"));
            Assert.That(html, Does.Not.Contain("<script").IgnoreCase, "no JavaScript");
            Assert.That(html, Does.Not.Contain("src=").And.Not.Contain("href="), "self-contained: nothing loaded from elsewhere");
            Assert.That(html.TrimEnd(), Does.EndWith("</html>"));
        });
    }

    [Test]
    public async Task Should_show_the_summary_the_journal_and_every_transaction()
    {
        var html = await Write(PayoutReport.From(PayoutReports.PostedRow()), PayoutReports.Lines());

        Assert.Multiple(() =>
        {
            Assert.That(html, Does.Contain("<td>Gross sales</td><td class=\"amount\">160.83</td>"));
            Assert.That(html, Does.Contain("<td>Refunds</td><td class=\"amount\">-30.00</td>"));
            Assert.That(html, Does.Contain("<td>Disputes</td><td class=\"amount\">-20.00</td>"));
            Assert.That(html, Does.Contain("<td>Fee: stripe_fee</td><td class=\"amount\">-20.26</td>"));
            Assert.That(html, Does.Contain("<tr class=\"total\"><td>Net</td><td class=\"amount\">90.57</td>"));
            Assert.That(html, Does.Contain("<td>4000-00</td><td class=\"amount\"></td><td class=\"amount\">10.83</td><td>Sales EUR</td><td class=\"amount\">-10.00 EUR</td>"));
            Assert.That(html, Does.Contain("<td>Total</td><td class=\"amount\">160.83</td><td class=\"amount\">160.83</td>"), "the journal balances");
            Assert.That(html, Does.Contain("<td>EUR</td><td class=\"amount\">10.00</td><td class=\"amount\">10.83</td><td class=\"amount\">1.083</td>"));
            foreach (var id in new[] { "txn_1", "txn_2", "txn_3", "txn_4" })
                Assert.That(html, Does.Contain($"<td>{id}</td>"));
            Assert.That(html, Does.Contain("4 balance transaction(s)."));
        });
    }

    [Test]
    public async Task Should_encode_hostile_text_so_it_shows_as_text()
    {
        var row = PayoutReports.FlaggedRow();
        row.Description = "<img src=x onerror=alert(1)>";
        row.Flags = JsonSerializer.Serialize(new List<PayoutFlagItem>
        {
            new() { Kind = "UnknownOrder", Reason = "Charge <b>ch_3</b> & co has no known order.", ChargeId = "ch_3" },
        });
        var hostile = PayoutReports.Line("txn_5", "charge", "charge", "charge", 1000, 0, "ch_5", p21: "1005",
            description: "<script>alert('payout')</script>");

        var html = await Write(PayoutReport.From(row), [hostile]);

        Assert.Multiple(() =>
        {
            Assert.That(html, Does.Not.Contain("<script").IgnoreCase);
            Assert.That(html, Does.Not.Contain("<img").And.Not.Contain("<b>"));
            Assert.That(html, Does.Contain("&lt;script&gt;alert(&#x27;payout&#x27;)&lt;/script&gt;"));
            Assert.That(html, Does.Contain("Charge &lt;b&gt;ch_3&lt;/b&gt; &amp; co has no known order."));
        });
    }

    [Test]
    public async Task Should_show_every_flag_in_a_box_of_its_own_and_mark_the_lines_beyond_those_carried()
    {
        var row = PayoutReports.FlaggedRow();
        row.Flags = JsonSerializer.Serialize(new List<PayoutFlagItem>
        {
            new() { Kind = "NetMismatch", Reason = "The balance transactions' nets sum to 90.56 USD but payout po_1RecOnCiLe is 90.57 USD (0.01 USD short)." },
            new() { Kind = "UnknownOrder", Reason = "Charge ch_3 (charge, balance transaction txn_4) has no known order.", BalanceTransactionId = "txn_4", ChargeId = "ch_3" },
        });
        // A third flag was counted but not carried (beyond PayoutFlagItem.MaxCarried): its line shows it.
        row.FlagCount = 3;
        var lines = PayoutReports.Lines().Append(PayoutReports.Line("txn_6", "charge", "charge", "charge", 500, 0, "ch_6"));

        var html = await Write(PayoutReport.From(row), lines);

        var box = html[html.IndexOf("<section class=\"flags\">", StringComparison.Ordinal)..html.IndexOf("</section>", StringComparison.Ordinal)];
        Assert.Multiple(() =>
        {
            Assert.That(box, Does.Contain("3 flag(s)"));
            Assert.That(box, Does.Contain("<strong>NetMismatch</strong>: The balance transactions&#x27; nets sum to 90.56 USD"));
            Assert.That(box, Does.Contain("<strong>UnknownOrder</strong>: Charge ch_3 (charge, balance transaction txn_4) has no known order. (txn_4, ch_3)"));
            Assert.That(box, Does.Contain("1 more"));
            Assert.That(html, Does.Contain("<td>txn_6</td>"));
            Assert.That(Rows(html).Single(r => r.Contains("<td>txn_6</td>")), Does.Contain("<td class=\"flag\">no known order</td>"));
            Assert.That(Rows(html).Single(r => r.Contains("<td>txn_4</td>")), Does.Contain("<td class=\"flag\">no known order</td>"));
            Assert.That(Rows(html).Single(r => r.Contains("<td>txn_1</td>")), Does.Not.Contain("no known order"));
        });
    }

    [TestCase("JPY", 1234500L, "1,234,500")]
    [TestCase("KWD", 1234560L, "1,234.560")]
    [TestCase("USD", 1234560L, "12,345.60")]
    public async Task Should_format_money_with_the_currencys_exponent(string currency, long amountMinor, string shown)
    {
        var row = PayoutReports.FlaggedRow();
        row.Currency = currency;
        row.AmountMinor = amountMinor;
        row.Totals = $$"""{"Count":1,"NetMinor":{{amountMinor}},"Gross":[{"Category":"charge","Type":"charge","Currency":"{{currency}}","SettlementMinor":{{amountMinor}},"OriginalMinor":{{amountMinor}},"Count":1,"ConvertedCount":0}],"Fees":{} }""";
        row.Conversions = "[]";

        var html = await Write(PayoutReport.From(row),
            [PayoutReports.Line("txn_1", "charge", "charge", "charge", amountMinor, 0, "ch_1", p21: "1001", currency: currency)]);

        Assert.Multiple(() =>
        {
            Assert.That(html, Does.Contain($"<dt>Amount</dt><dd>{shown} {currency}</dd>"));
            Assert.That(html, Does.Contain($"<td>Gross sales</td><td class=\"amount\">{shown}</td>"));
            Assert.That(Rows(html).Single(r => r.Contains("<td>txn_1</td>")), Does.Contain($"<td class=\"amount\">{shown}</td>"));
        });
        if (currency == "JPY")
            Assert.That(html, Does.Not.Contain($"{shown}.0"), "no decimals for yen");
    }

    static IEnumerable<string> Rows(string html) => html.Split('\n').Where(l => l.StartsWith("<tr>", StringComparison.Ordinal));

    static async Task<string> Write(PayoutReport report, IEnumerable<PayoutTransactionLineRow> rows)
    {
        var output = new StringWriter();
        await PayoutReportHtml.WriteAsync(report, PayoutReports.Stream(rows), output);
        return output.ToString();
    }
}
