using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Payments.Gateway.Mappers;
using Payments.Gateway.Mappers.PaymentRisk;
using Payments.Gateway.Mappers.PayoutReconciliation;
using Payments.Gateway.Mappers.StripeDispute;
using Payments.Gateway.Mappers.StripeRefund;
using Payments.Gateway.Webhooks;
using Payments.Simulators.Stripe;

namespace Payments.Gateway.Tests.Mappers;

/// <summary>Reports are ordered by time: an event whose own <c>created</c> and whose object's <c>created</c> are both missing is refused.</summary>
[TestFixture]
public class When_an_event_has_no_time
{
    static StripeEventEnvelope Untimed(string type, JsonObject dataObject)
    {
        dataObject.Remove("created");
        var evt = JsonNode.Parse(StripeEventBuilder.Create(type, dataObject).Json)!.AsObject();
        evt.Remove("created");
        return StripeEventEnvelope.Read(evt.ToJsonString()).Envelope!;
    }

    static JsonObject Resource(string name, Action<JsonObject>? change = null)
    {
        var resource = StripeFixtures.Resource(name);
        change?.Invoke(resource);
        return resource;
    }

    static IEnumerable<TestCaseData> UntimedEvents()
    {
        yield return new TestCaseData((IStripeEventMapper)new ChargeRefundedMapper(), "charge.refunded", Resource("charge")).SetName("{m}(charge.refunded)");
        yield return new TestCaseData((IStripeEventMapper)new DisputeReportedMapper(), "charge.dispute.created", Resource("dispute")).SetName("{m}(dispute)");
        yield return new TestCaseData((IStripeEventMapper)new EarlyFraudWarningMapper(), "radar.early_fraud_warning.created", Resource("radar.early_fraud_warning")).SetName("{m}(early fraud warning)");
        yield return new TestCaseData((IStripeEventMapper)new ChargeRiskObservedMapper(Options.Create(new PaymentRiskOptions())), "charge.succeeded",
            Resource("charge", c => c["outcome"] = new JsonObject { ["risk_level"] = "highest" })).SetName("{m}(charge risk)");
        yield return new TestCaseData((IStripeEventMapper)new PayoutPaidMapper(), "payout.paid", Resource("payout")).SetName("{m}(payout)");
    }

    [TestCaseSource(nameof(UntimedEvents))]
    public void Should_reject_it(IStripeEventMapper mapper, string type, JsonObject dataObject)
    {
        var mapping = mapper.Map(Untimed(type, dataObject));

        Assert.That(mapping.Kind, Is.EqualTo(MappingKind.Reject), mapping.Reason);
        Assert.That(mapping.Reason, Does.Contain("'created'"));
    }
}
