using System.Text.Json.Nodes;
using Payments.Contracts.PayoutReconciliation;
using Payments.Contracts.Shared;
using Payments.Gateway.Mappers;
using Payments.Gateway.Mappers.PayoutReconciliation;
using Payments.Gateway.Webhooks;
using Payments.Simulators.Stripe;

namespace Payments.Gateway.Tests.Mappers.PayoutReconciliation;

[TestFixture]
public class When_mapping_payout_events
{
    const string PayoutId = "po_1Pgc79B7WZ01zgkWu1KToYf4";
    static readonly DateTimeOffset EventTime = new(2026, 12, 2, 6, 15, 0, TimeSpan.Zero);
    static readonly DateTimeOffset Created = new(2026, 11, 30, 0, 5, 0, TimeSpan.Zero);
    static readonly DateTimeOffset Arrival = new(2026, 12, 2, 0, 0, 0, TimeSpan.Zero);

    static readonly PayoutReportedMapper[] Mappers =
    [
        new PayoutCreatedMapper(), new PayoutUpdatedMapper(), new PayoutPaidMapper(), new PayoutFailedMapper(), new PayoutCanceledMapper(),
        new PayoutReconciliationCompletedMapper(),
    ];

    static PayoutReportedMapper MapperOf(string type) => Mappers.Single(m => m.EventTypes.Contains(type));

    static StripeEventEnvelope Envelope(string type, JsonObject payout) =>
        StripeEventEnvelope.Read(StripeEventBuilder.Create(type, payout, eventId: "evt_payout_1", created: EventTime).Json).Envelope!;

    /// <summary>Stripe's published payout fixture, as a paid automatic payout of 1,100.00 USD.</summary>
    static JsonObject Payout(string status = "paid")
    {
        var payout = StripeFixtures.Resource("payout");
        payout["amount"] = 110_000;
        payout["status"] = status;
        payout["arrival_date"] = Arrival.ToUnixTimeSeconds();
        payout["created"] = Created.ToUnixTimeSeconds();
        return payout;
    }

    static StripePayoutReported Published(StripeEventMapping mapping)
    {
        Assert.That(mapping.Kind, Is.EqualTo(MappingKind.Publish), mapping.Reason);
        Assert.That(mapping.CorrelationId, Is.EqualTo(CorrelationKey.StripePayout(PayoutId).ToGuid()));
        return (StripePayoutReported)mapping.Message!;
    }

    [Test]
    public void Should_have_one_mapper_per_payout_event_type_none_of_which_starts_a_payment()
    {
        Assert.That(Mappers.SelectMany(m => m.EventTypes), Is.EquivalentTo(new[]
        {
            "payout.created", "payout.updated", "payout.paid", "payout.failed", "payout.canceled", "payout.reconciliation_completed",
        }));
        Assert.That(Mappers.Select(m => (m.Flow, m.StartsPayment, m.EventTypes.Count)), Is.All.EqualTo((FlowNames.PayoutReconciliation, false, 1)));
    }

    [TestCase("payout.created")]
    [TestCase("payout.updated")]
    [TestCase("payout.paid")]
    [TestCase("payout.failed")]
    [TestCase("payout.canceled")]
    [TestCase("payout.reconciliation_completed")]
    public void Should_report_the_payouts_snapshot(string type)
    {
        var reported = Published(MapperOf(type).Map(Envelope(type, Payout())));

        Assert.Multiple(() =>
        {
            Assert.That((reported.CorrelationId, reported.PayoutId, reported.StripeEventId, reported.EventType),
                Is.EqualTo((CorrelationKey.StripePayout(PayoutId).ToGuid(), PayoutId, "evt_payout_1", type)));
            Assert.That((reported.AmountMinor, reported.Currency, reported.Status, reported.Automatic, reported.ReconciliationStatus),
                Is.EqualTo((110_000L, "USD", "paid", true, "completed")));
            Assert.That((reported.ArrivalDate, reported.PayoutCreatedAt, reported.ReportedAt), Is.EqualTo((Arrival, Created, EventTime)));
            Assert.That((reported.BalanceTransactionId, reported.Description), Is.EqualTo(("txn_1PgaxNB7WZ01zgkWEV3TLf40", "STRIPE PAYOUT")));
            Assert.That((reported.FailureCode, reported.FailureMessage, reported.FailureBalanceTransactionId), Is.EqualTo(((string?)null, (string?)null, (string?)null)));
        });
    }

    [Test]
    public void Should_report_a_failed_payouts_code_message_and_the_transaction_that_put_the_money_back()
    {
        var payout = Payout("failed");
        payout["failure_code"] = "account_closed";
        payout["failure_message"] = "The bank account has been closed.";
        // Expanded, as with expand[]=failure_balance_transaction.
        payout["failure_balance_transaction"] = new JsonObject { ["id"] = "txn_3PayoutFailure", ["object"] = "balance_transaction", ["amount"] = 110_000 };

        var reported = Published(new PayoutFailedMapper().Map(Envelope("payout.failed", payout)));

        Assert.That((reported.Status, reported.FailureCode, reported.FailureMessage, reported.FailureBalanceTransactionId),
            Is.EqualTo(("failed", "account_closed", "The bank account has been closed.", "txn_3PayoutFailure")));
    }

    [Test]
    public void Should_report_a_manual_payout_as_not_automatic_without_reconciliation()
    {
        var payout = Payout("pending");
        payout["automatic"] = false;
        payout["reconciliation_status"] = "not_applicable";
        payout["description"] = "";
        payout["balance_transaction"] = null;

        var reported = Published(new PayoutCreatedMapper().Map(Envelope("payout.created", payout)));

        Assert.That((reported.Status, reported.Automatic, reported.ReconciliationStatus, reported.Description, reported.BalanceTransactionId),
            Is.EqualTo(("pending", false, "not_applicable", (string?)null, (string?)null)));
    }

    [TestCase("jpy", 123_456L)]
    [TestCase("kwd", 12_345L)]
    public void Should_keep_zero_and_three_decimal_amounts_in_minor_units(string currency, long amount)
    {
        var payout = Payout();
        payout["amount"] = amount;
        payout["currency"] = currency;

        var reported = Published(new PayoutPaidMapper().Map(Envelope("payout.paid", payout)));

        Assert.That((reported.AmountMinor, reported.Currency), Is.EqualTo((amount, currency.ToUpperInvariant())));
    }

    [Test]
    public void Should_order_an_event_without_its_own_time_by_the_payouts()
    {
        var evt = JsonNode.Parse(StripeEventBuilder.Create("payout.paid", Payout()).Json)!.AsObject();
        evt.Remove("created");

        var reported = Published(new PayoutPaidMapper().Map(StripeEventEnvelope.Read(evt.ToJsonString()).Envelope!));

        Assert.That(reported.ReportedAt, Is.EqualTo(Created));
    }

    static IEnumerable<TestCaseData> BadPayouts()
    {
        yield return new TestCaseData((Action<JsonObject>)(p => p["object"] = "transfer"), "not a payout").SetName("{m}(not a payout)");
        yield return new TestCaseData((Action<JsonObject>)(p => p.Remove("id")), "no 'id'").SetName("{m}(no id)");
        yield return new TestCaseData((Action<JsonObject>)(p => p["id"] = " "), "no 'id'").SetName("{m}(blank id)");
        yield return new TestCaseData((Action<JsonObject>)(p => p.Remove("amount")), "positive whole 'amount'").SetName("{m}(no amount)");
        yield return new TestCaseData((Action<JsonObject>)(p => p["amount"] = 0), "positive whole 'amount'").SetName("{m}(zero amount)");
        yield return new TestCaseData((Action<JsonObject>)(p => p["amount"] = 10.5), "positive whole 'amount'").SetName("{m}(fractional amount)");
        yield return new TestCaseData((Action<JsonObject>)(p => p.Remove("currency")), "ISO 4217 'currency'").SetName("{m}(no currency)");
        yield return new TestCaseData((Action<JsonObject>)(p => p["currency"] = "dollars"), "ISO 4217 'currency'").SetName("{m}(bad currency)");
        yield return new TestCaseData((Action<JsonObject>)(p => p["status"] = "reversed"), "known 'status'").SetName("{m}(unknown status)");
        yield return new TestCaseData((Action<JsonObject>)(p => p["automatic"] = "yes"), "'automatic'").SetName("{m}(automatic not a boolean)");
        yield return new TestCaseData((Action<JsonObject>)(p => p.Remove("reconciliation_status")), "known 'reconciliation_status'").SetName("{m}(no reconciliation status)");
        yield return new TestCaseData((Action<JsonObject>)(p => p["arrival_date"] = null), "'arrival_date'").SetName("{m}(no arrival date)");
        yield return new TestCaseData((Action<JsonObject>)(p => p.Remove("created")), "'created'").SetName("{m}(no created)");
    }

    [TestCaseSource(nameof(BadPayouts))]
    public void Should_reject_a_payout_it_cannot_read_with_the_reason(Action<JsonObject> spoil, string reason)
    {
        var payout = Payout();
        spoil(payout);

        var mapping = new PayoutPaidMapper().Map(Envelope("payout.paid", payout));

        Assert.That(mapping.Kind, Is.EqualTo(MappingKind.Reject));
        Assert.That(mapping.Reason, Does.Contain(reason));
    }
}
