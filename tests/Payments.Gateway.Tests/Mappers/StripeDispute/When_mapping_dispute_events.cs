using System.Text.Json.Nodes;
using Payments.Contracts.Shared;
using Payments.Contracts.StripeDispute;
using Payments.Gateway.Mappers;
using Payments.Gateway.Mappers.StripeDispute;
using Payments.Gateway.Webhooks;
using Payments.Simulators.Stripe;

namespace Payments.Gateway.Tests.Mappers.StripeDispute;

[TestFixture]
public class When_mapping_dispute_events
{
    static readonly DateTimeOffset EventTime = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
    static readonly DateTimeOffset DueBy = new(2026, 12, 10, 23, 59, 59, TimeSpan.Zero);

    static StripeEventEnvelope Envelope(string type, JsonObject dataObject) =>
        StripeEventEnvelope.Read(StripeEventBuilder.Create(type, dataObject, created: EventTime).Json).Envelope!;

    static JsonObject Transaction(string id, long amount, long fee, string category, string currency = "usd") => new()
    {
        ["id"] = id, ["object"] = "balance_transaction", ["amount"] = amount, ["fee"] = fee, ["net"] = amount - fee,
        ["currency"] = currency, ["reporting_category"] = category, ["type"] = "adjustment",
    };

    static JsonObject Dispute(string status = "needs_response", long amount = 10_000, string currency = "usd", params JsonObject[] transactions)
    {
        var dispute = StripeFixtures.Resource("dispute");
        dispute["id"] = "dp_3Disputed";
        dispute["charge"] = "ch_3Disputed";
        dispute["payment_intent"] = "pi_3Disputed";
        dispute["amount"] = amount;
        dispute["currency"] = currency;
        dispute["status"] = status;
        dispute["reason"] = "fraudulent";
        dispute["evidence_details"]!["due_by"] = DueBy.ToUnixTimeSeconds();
        dispute["balance_transactions"] = new JsonArray([.. transactions]);
        return dispute;
    }

    static StripeDisputeReported Published(StripeEventMapping mapping)
    {
        Assert.That(mapping.Kind, Is.EqualTo(MappingKind.Publish), mapping.Reason);
        Assert.That(mapping.CorrelationId, Is.EqualTo(CorrelationKey.StripeDispute("dp_3Disputed").ToGuid()));
        return (StripeDisputeReported)mapping.Message!;
    }

    [TestCase("charge.dispute.created")]
    [TestCase("charge.dispute.updated")]
    [TestCase("charge.dispute.funds_withdrawn")]
    [TestCase("charge.dispute.funds_reinstated")]
    [TestCase("charge.dispute.closed")]
    public void Should_report_the_disputes_snapshot(string type)
    {
        var dispute = Dispute(transactions: Transaction("txn_3Withdrawal", -10_000, 1500, "dispute"));

        var reported = Published(new DisputeReportedMapper().Map(Envelope(type, dispute)));

        Assert.Multiple(() =>
        {
            Assert.That((reported.EventType, reported.DisputeId, reported.ChargeId, reported.PaymentIntentId), Is.EqualTo((type, "dp_3Disputed", "ch_3Disputed", "pi_3Disputed")));
            Assert.That((reported.AmountMinor, reported.Currency, reported.Status, reported.Reason), Is.EqualTo((10_000L, "USD", "needs_response", "fraudulent")));
            Assert.That((reported.EvidenceDueBy, reported.ReportedAt), Is.EqualTo(((DateTimeOffset?)DueBy, EventTime)));
            Assert.That(reported.BalanceTransactions, Is.EqualTo(new[]
            {
                new DisputeBalanceTransaction { Id = "txn_3Withdrawal", AmountMinor = -10_000, FeeMinor = 1500, Currency = "USD", ReportingCategory = "dispute" },
            }));
        });
    }

    [Test]
    public void Should_report_a_won_dispute_with_its_withdrawal_and_reinstatement()
    {
        var dispute = Dispute("won", transactions: [Transaction("txn_3W", -10_000, 1500, "dispute"), Transaction("txn_3R", 10_000, -1500, "dispute_reversal")]);

        var reported = Published(new DisputeReportedMapper().Map(Envelope("charge.dispute.closed", dispute)));

        Assert.That(reported.BalanceTransactions.Select(t => (t.Id, t.AmountMinor, t.FeeMinor, t.ReportingCategory)),
            Is.EqualTo(new[] { ("txn_3W", -10_000L, 1500L, "dispute"), ("txn_3R", 10_000L, -1500L, "dispute_reversal") }));
    }

    [Test]
    public void Should_report_an_inquiry_without_balance_transactions()
    {
        var reported = Published(new DisputeReportedMapper().Map(Envelope("charge.dispute.created", Dispute("warning_needs_response"))));

        Assert.That((reported.Status, reported.BalanceTransactions.Count), Is.EqualTo(("warning_needs_response", 0)));
    }

    [TestCase("jpy", 5000L)]
    [TestCase("kwd", 12_345L)]
    public void Should_keep_zero_and_three_decimal_amounts_in_minor_units(string currency, long amount)
    {
        var dispute = Dispute(amount: amount, currency: currency, transactions: Transaction("txn_3W", -amount, 1500, "dispute", currency));

        var reported = Published(new DisputeReportedMapper().Map(Envelope("charge.dispute.funds_withdrawn", dispute)));

        Assert.That((reported.AmountMinor, reported.Currency, reported.BalanceTransactions[0].AmountMinor, reported.BalanceTransactions[0].Currency),
            Is.EqualTo((amount, currency.ToUpperInvariant(), -amount, currency.ToUpperInvariant())));
    }

    static IEnumerable<TestCaseData> BadDisputes()
    {
        yield return new TestCaseData((Action<JsonObject>)(d => d["object"] = "charge"), "not a dispute").SetName("{m}(not a dispute)");
        yield return new TestCaseData((Action<JsonObject>)(d => d.Remove("id")), "no 'id'").SetName("{m}(no id)");
        yield return new TestCaseData((Action<JsonObject>)(d => d["charge"] = null), "no 'charge'").SetName("{m}(no charge)");
        yield return new TestCaseData((Action<JsonObject>)(d => d["amount"] = -5), "'amount'").SetName("{m}(negative amount)");
        yield return new TestCaseData((Action<JsonObject>)(d => d["currency"] = "dollars"), "ISO 4217").SetName("{m}(bad currency)");
        yield return new TestCaseData((Action<JsonObject>)(d => d["status"] = "open"), "known 'status'").SetName("{m}(unknown status)");
        yield return new TestCaseData((Action<JsonObject>)(d => d["balance_transactions"] = new JsonArray("txn_3OnlyAnId")), "balance_transactions[0]").SetName("{m}(transaction as id)");
        yield return new TestCaseData((Action<JsonObject>)(d => d["balance_transactions"] = new JsonArray(new JsonObject { ["id"] = "txn_3NoFee", ["amount"] = -1, ["currency"] = "usd", ["reporting_category"] = "dispute" })),
            "balance_transactions[0]").SetName("{m}(transaction without fee)");
    }

    [TestCaseSource(nameof(BadDisputes))]
    public void Should_reject_a_dispute_it_cannot_read(Action<JsonObject> spoil, string reason)
    {
        var dispute = Dispute();
        spoil(dispute);

        var mapping = new DisputeReportedMapper().Map(Envelope("charge.dispute.created", dispute));

        Assert.That(mapping.Kind, Is.EqualTo(MappingKind.Reject));
        Assert.That(mapping.Reason, Does.Contain(reason));
    }
}
