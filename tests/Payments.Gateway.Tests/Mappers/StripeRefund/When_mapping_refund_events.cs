using System.Text.Json.Nodes;
using Payments.Contracts.Shared;
using Payments.Contracts.StripeRefund;
using Payments.Gateway.Mappers;
using Payments.Gateway.Mappers.StripeRefund;
using Payments.Gateway.Webhooks;
using Payments.Simulators.Stripe;

namespace Payments.Gateway.Tests.Mappers.StripeRefund;

[TestFixture]
public class When_mapping_refund_events
{
    static readonly DateTimeOffset EventTime = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    static StripeEventEnvelope Envelope(string type, JsonObject dataObject) =>
        StripeEventEnvelope.Read(StripeEventBuilder.Create(type, dataObject, created: EventTime).Json).Envelope!;

    static JsonObject Refund(string id = "re_3Own", long amount = 3000, string currency = "usd", string status = "succeeded")
    {
        var refund = StripeFixtures.Resource("refund");
        refund["id"] = id;
        refund["amount"] = amount;
        refund["currency"] = currency;
        refund["status"] = status;
        refund["charge"] = "ch_3Refunded";
        refund["payment_intent"] = "pi_3Refunded";
        refund["created"] = EventTime.AddMinutes(-5).ToUnixTimeSeconds();
        return refund;
    }

    static JsonObject Charge(long amountRefunded, string currency = "usd")
    {
        var charge = new ChargeSpec { Id = "ch_3Refunded", PaymentIntentId = "pi_3Refunded", Amount = 10_000, Currency = currency }.ToJson();
        charge["amount_refunded"] = amountRefunded;
        charge["refunded"] = false;
        return charge;
    }

    static T Published<T>(StripeEventMapping mapping)
    {
        Assert.That(mapping.Kind, Is.EqualTo(MappingKind.Publish), mapping.Reason);
        return (T)mapping.Message!;
    }

    [TestCase("refund.created")]
    [TestCase("refund.updated")]
    [TestCase("refund.failed")]
    [TestCase("charge.refund.updated")]
    public void Should_report_the_refunds_own_amount_correlated_to_the_refund(string type)
    {
        var refund = Refund(amount: 3000);
        refund["metadata"] = new JsonObject { [StripeMetadataKeys.ZnodeReturnNumber] = "RMA-7" };
        refund["reason"] = "requested_by_customer";

        var mapping = new RefundReportedMapper().Map(Envelope(type, refund));

        var reported = Published<StripeRefundReported>(mapping);
        Assert.Multiple(() =>
        {
            Assert.That(mapping.CorrelationId, Is.EqualTo(CorrelationKey.StripeRefund("re_3Own").ToGuid()));
            Assert.That(reported.CorrelationId, Is.EqualTo(mapping.CorrelationId));
            Assert.That((reported.EventType, reported.RefundId, reported.ChargeId, reported.PaymentIntentId), Is.EqualTo((type, "re_3Own", "ch_3Refunded", "pi_3Refunded")));
            Assert.That((reported.AmountMinor, reported.Currency, reported.Status), Is.EqualTo((3000L, "USD", "succeeded")));
            Assert.That((reported.Reason, reported.ZnodeReturnNumber, reported.FailureReason), Is.EqualTo(("requested_by_customer", "RMA-7", (string?)null)));
            Assert.That((reported.ReportedAt, reported.RefundCreatedAt), Is.EqualTo((EventTime, EventTime.AddMinutes(-5))));
        });
    }

    [Test]
    public void Should_carry_the_failure_reason_of_a_failed_refund()
    {
        var refund = Refund(status: "failed");
        refund["failure_reason"] = "expired_or_canceled_card";

        var reported = Published<StripeRefundReported>(new RefundReportedMapper().Map(Envelope("refund.failed", refund)));

        Assert.That((reported.Status, reported.FailureReason), Is.EqualTo(("failed", "expired_or_canceled_card")));
    }

    [TestCase("jpy", 5000L)]
    [TestCase("kwd", 1250L)]
    public void Should_keep_zero_and_three_decimal_amounts_in_minor_units_untouched(string currency, long amount)
    {
        var reported = Published<StripeRefundReported>(new RefundReportedMapper().Map(Envelope("refund.created", Refund(amount: amount, currency: currency))));

        Assert.That((reported.AmountMinor, reported.Currency), Is.EqualTo((amount, currency.ToUpperInvariant())));
    }

    [Test]
    public void Should_read_an_expanded_charge()
    {
        var refund = Refund();
        refund["charge"] = new JsonObject { ["id"] = "ch_3Expanded", ["object"] = "charge" };

        Assert.That(Published<StripeRefundReported>(new RefundReportedMapper().Map(Envelope("refund.updated", refund))).ChargeId, Is.EqualTo("ch_3Expanded"));
    }

    static IEnumerable<TestCaseData> BadRefunds()
    {
        yield return new TestCaseData((Action<JsonObject>)(r => r["object"] = "charge"), "not a refund").SetName("{m}(not a refund)");
        yield return new TestCaseData((Action<JsonObject>)(r => r.Remove("id")), "no 'id'").SetName("{m}(no id)");
        yield return new TestCaseData((Action<JsonObject>)(r => r["charge"] = null), "no 'charge'").SetName("{m}(no charge)");
        yield return new TestCaseData((Action<JsonObject>)(r => r["amount"] = 0), "positive whole 'amount'").SetName("{m}(zero amount)");
        yield return new TestCaseData((Action<JsonObject>)(r => r["amount"] = 12.5), "positive whole 'amount'").SetName("{m}(fractional amount)");
        yield return new TestCaseData((Action<JsonObject>)(r => r["currency"] = "us"), "ISO 4217").SetName("{m}(bad currency)");
        yield return new TestCaseData((Action<JsonObject>)(r => r["status"] = "done"), "known 'status'").SetName("{m}(unknown status)");
        yield return new TestCaseData((Action<JsonObject>)(r => r.Remove("created")), "'created'").SetName("{m}(no created)");
    }

    [TestCaseSource(nameof(BadRefunds))]
    public void Should_reject_a_refund_it_cannot_book(Action<JsonObject> spoil, string reason)
    {
        var refund = Refund();
        spoil(refund);

        var mapping = new RefundReportedMapper().Map(Envelope("refund.created", refund));

        Assert.That(mapping.Kind, Is.EqualTo(MappingKind.Reject));
        Assert.That(mapping.Reason, Does.Contain(reason));
    }

    [Test]
    public void Should_map_charge_refunded_to_the_charge_with_its_cumulative_amount_for_the_log_only()
    {
        var envelope = Envelope("charge.refunded", Charge(amountRefunded: 5000));
        var mapping = new ChargeRefundedMapper().Map(envelope);

        var refunded = Published<StripeChargeRefunded>(mapping);
        Assert.Multiple(() =>
        {
            Assert.That(mapping.CorrelationId, Is.EqualTo(CorrelationKey.StripeCharge("ch_3Refunded").ToGuid()));
            Assert.That((refunded.ChargeId, refunded.PaymentIntentId, refunded.AmountRefundedMinor, refunded.Currency), Is.EqualTo(("ch_3Refunded", "pi_3Refunded", 5000L, "USD")));
            Assert.That((refunded.StripeEventId, refunded.ReportedAt), Is.EqualTo((envelope.Id, EventTime)));
        });
    }

    static IEnumerable<TestCaseData> BadCharges()
    {
        yield return new TestCaseData((Action<JsonObject>)(c => c["object"] = "refund"), "not a charge").SetName("{m}(not a charge)");
        yield return new TestCaseData((Action<JsonObject>)(c => c.Remove("id")), "no 'id'").SetName("{m}(no id)");
        yield return new TestCaseData((Action<JsonObject>)(c => c["amount_refunded"] = -1), "'amount_refunded'").SetName("{m}(negative amount_refunded)");
        yield return new TestCaseData((Action<JsonObject>)(c => c["currency"] = null), "ISO 4217").SetName("{m}(no currency)");
    }

    [TestCaseSource(nameof(BadCharges))]
    public void Should_reject_a_charge_refunded_it_cannot_read(Action<JsonObject> spoil, string reason)
    {
        var charge = Charge(amountRefunded: 100);
        spoil(charge);

        var mapping = new ChargeRefundedMapper().Map(Envelope("charge.refunded", charge));

        Assert.That(mapping.Kind, Is.EqualTo(MappingKind.Reject));
        Assert.That(mapping.Reason, Does.Contain(reason));
    }
}
