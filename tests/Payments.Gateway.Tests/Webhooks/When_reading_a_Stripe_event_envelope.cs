using Payments.Gateway.Webhooks;

namespace Payments.Gateway.Tests.Webhooks;

[TestFixture]
public class When_reading_a_Stripe_event_envelope
{
    [Test]
    public void Should_call_a_body_that_is_not_JSON_malformed()
    {
        var read = StripeEventEnvelope.Read("not json");

        Assert.That((read.Envelope, read.IsMalformed), Is.EqualTo(((StripeEventEnvelope?)null, true)));
    }

    [TestCase("""{"type":"charge.succeeded","data":{"object":{}}}""", "'id'")]
    [TestCase("""{"id":"evt_1","data":{"object":{}}}""", "'type'")]
    [TestCase("""{"id":"evt_1","type":"charge.succeeded","data":{}}""", "data.object")]
    [TestCase("""[1,2]""", "not an event object")]
    public void Should_refuse_an_event_without_its_envelope_fields(string json, string reason)
    {
        var read = StripeEventEnvelope.Read(json);

        Assert.That(read.Envelope, Is.Null);
        Assert.That(read.IsMalformed, Is.False);
        Assert.That(read.Failure, Does.Contain(reason));
    }
}

[TestFixture]
public class When_comparing_API_versions_with_the_SDK
{
    [Test]
    public void Should_accept_any_date_on_the_SDK_train()
    {
        var train = ApiVersions.TrainOf(ApiVersions.Sdk);

        Assert.That(ApiVersions.IsOnSdkTrain($"2020-01-01.{train}"), Is.True);
    }

    [TestCase("2026-07-29.dahlia")]
    [TestCase("2024-06-20")]
    [TestCase(null)]
    [TestCase("")]
    public void Should_refuse_other_trains_and_versions_without_one(string? version)
    {
        Assert.That(ApiVersions.IsOnSdkTrain(version), Is.False);
    }
}
