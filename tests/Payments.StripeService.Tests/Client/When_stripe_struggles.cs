using Payments.ServiceDefaults.Failures;
using Payments.ServiceDefaults.Messaging;
using Payments.StripeService.Charges;
using Polly.CircuitBreaker;

namespace Payments.StripeService.Tests.Client;

/// <summary>The Stripe client as the service wires it: behind the outbound pipeline (Stripe:Http), without Stripe.net's own retries.</summary>
[TestFixture]
public class When_stripe_struggles
{
    [Test]
    public async Task Should_open_the_circuit_after_repeated_server_errors_and_send_nothing_while_it_is_open()
    {
        await using var service = await StripeServiceHost.StartAsync(s =>
        {
            s["Stripe:Http:BreakMinimumThroughput"] = "2";
            s["Stripe:Http:BreakFailureRatio"] = "0.5";
            s["Stripe:Http:BreakDuration"] = "00:01:00";
        });
        var chargeId = service.Stripe.CreateCharge(new Payments.Simulators.Stripe.ChargeSpec());
        var charges = service.Get<ChargeOrderReferences>();
        service.Stripe.FailNext(2, 503);

        var first = Assert.ThrowsAsync<TransientFailureException>(() => charges.RecordP21OrderAsync(chargeId, "1000123", 10042, "0.0", CancellationToken.None))!;
        var second = Assert.ThrowsAsync<TransientFailureException>(() => charges.RecordP21OrderAsync(chargeId, "1000123", 10042, "0.0", CancellationToken.None))!;
        var sent = service.Stripe.Requests.Count;
        var refused = Assert.ThrowsAsync<TransientFailureException>(() => charges.RecordP21OrderAsync(chargeId, "1000123", 10042, "0.0", CancellationToken.None))!;

        Assert.Multiple(() =>
        {
            Assert.That(first.Message, Does.Contain("503"));
            Assert.That(second.Message, Does.Contain("503"), "no retry in Stripe.net or the pipeline: each call met one injected 503");
            Assert.That(sent, Is.EqualTo(2));
            Assert.That(refused.InnerException, Is.InstanceOf<BrokenCircuitException>());
            Assert.That(service.Stripe.Requests, Has.Count.EqualTo(sent), "an open circuit sends nothing");
            Assert.That(FailureClassifier.Classify(refused), Is.EqualTo(FailureKind.Transient));
            Assert.That(refused.RetryAfter, Is.GreaterThan(TimeSpan.Zero));
        });
    }
}
