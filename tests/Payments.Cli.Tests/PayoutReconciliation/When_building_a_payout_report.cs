using Payments.Reporting.PayoutReconciliation;

namespace Payments.Cli.Tests.PayoutReconciliation;

/// <summary><see cref="PayoutReport.From"/>: the saga's row, its JSON columns read back and its totals grouped as a controller reads them.</summary>
public class When_building_a_payout_report
{
    [Test]
    public void Should_group_the_totals_into_sales_refunds_disputes_fees_and_net_in_major_units()
    {
        var report = PayoutReport.From(PayoutReports.FlaggedRow());

        Assert.Multiple(() =>
        {
            Assert.That(report.Amount, Is.EqualTo(90.57m));
            Assert.That(report.Totals, Is.Not.Null);
            Assert.That(report.Totals!.GrossSales, Is.EqualTo(160.83m), "both sales, the converted one at its settlement amount");
            Assert.That(report.Totals.Refunds, Is.EqualTo(-30.00m));
            Assert.That(report.Totals.Disputes, Is.EqualTo(-20.00m));
            Assert.That(report.Totals.Fees, Is.EqualTo(new[] { new PayoutReportAmount("stripe_fee", 20.26m) }));
            Assert.That(report.Totals.Net, Is.EqualTo(90.57m));
            Assert.That(report.Totals.GrossSales + report.Totals.Refunds + report.Totals.Disputes - report.Totals.FeesTotal,
                Is.EqualTo(report.Totals.Net), "the summary foots");
            Assert.That(report.Conversions.Single().EffectiveRate, Is.EqualTo(1.083m));
            Assert.That(report.Flags.Single().ChargeId, Is.EqualTo("ch_3"));
        });
    }

    [Test]
    public void Should_count_refund_failures_with_refunds_and_reinstatements_with_disputes_and_keep_the_other_categories_apart()
    {
        var row = PayoutReports.FlaggedRow();
        row.Totals = """
            {"Count":6,"NetMinor":1000,"Gross":[
              {"Category":"refund","Type":"refund","Currency":"USD","SettlementMinor":-500,"OriginalMinor":-500,"Count":1,"ConvertedCount":0},
              {"Category":"refund_failure","Type":"refund_failure","Currency":"USD","SettlementMinor":200,"OriginalMinor":200,"Count":1,"ConvertedCount":0},
              {"Category":"dispute_withdrawal","Type":"adjustment","Currency":"USD","SettlementMinor":-700,"OriginalMinor":-700,"Count":1,"ConvertedCount":0},
              {"Category":"dispute_reinstatement","Type":"adjustment","Currency":"USD","SettlementMinor":700,"OriginalMinor":700,"Count":1,"ConvertedCount":0},
              {"Category":"transfer","Type":"topup","Currency":"USD","SettlementMinor":900,"OriginalMinor":900,"Count":1,"ConvertedCount":0},
              {"Category":"adjustment","Type":"adjustment","Currency":"USD","SettlementMinor":400,"OriginalMinor":400,"Count":1,"ConvertedCount":0}],
             "Fees":{}}
            """;

        var totals = PayoutReport.From(row).Totals!;

        Assert.Multiple(() =>
        {
            Assert.That(totals.Refunds, Is.EqualTo(-3.00m));
            Assert.That(totals.Disputes, Is.EqualTo(0m));
            Assert.That(totals.GrossSales, Is.EqualTo(0m));
            Assert.That(totals.OtherCategories, Is.EqualTo(new[] { new PayoutReportAmount("adjustment", 4.00m), new PayoutReportAmount("transfer", 9.00m) }),
                "in the journal's order of categories");
        });
    }

    [Test]
    public void Should_have_no_totals_before_the_transactions_are_listed()
    {
        var row = PayoutReports.FlaggedRow();
        row.CurrentState = "AwaitingSettlement";
        row.Totals = null;
        row.Flags = "[]";
        row.FlagCount = 0;
        row.Conversions = null;

        var report = PayoutReport.From(row);

        Assert.Multiple(() =>
        {
            Assert.That(report.Totals, Is.Null);
            Assert.That(report.Flags, Is.Empty);
            Assert.That(report.Conversions, Is.Empty);
        });
    }

    [Test]
    public void Should_name_a_column_whose_json_cannot_be_read()
    {
        var row = PayoutReports.FlaggedRow();
        row.JournalLines = "{not json";

        Assert.That(() => PayoutReport.From(row),
            Throws.TypeOf<InvalidDataException>().With.Message.Contains("column JournalLines").And.Message.Contains(PayoutReports.PayoutId));
    }

    [Test]
    public void Should_convert_a_line_in_its_currencys_exponent_and_mark_a_sale_without_an_order()
    {
        var line = PayoutReportLine.From(PayoutReports.Line("txn_7", "charge", "charge", "charge", 12345, 0, "ch_7", currency: "JPY"));
        var refundWithOrder = PayoutReportLine.From(PayoutReports.Line("txn_8", "refund", "refund", "refund", -500, 0, "ch_8", znode: "ZN-1"));
        var fee = PayoutReportLine.From(PayoutReports.Line("txn_9", "stripe_fee", "fee", "fee", -200, 0, null));

        Assert.Multiple(() =>
        {
            Assert.That(line.Gross, Is.EqualTo(12345m));
            Assert.That(line.OrderUnknown, Is.True);
            Assert.That(refundWithOrder.OrderUnknown, Is.False, "a Znode order is an order");
            Assert.That(fee.OrderUnknown, Is.False, "a fee comes from no order");
        });
    }
}
