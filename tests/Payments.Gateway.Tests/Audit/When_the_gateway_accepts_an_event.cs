using System.Net;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Payments.Contracts.ChargeToOrder;
using Payments.Contracts.Shared;
using Payments.Gateway.Audit;
using Payments.Persistence.Audit;
using Payments.Simulators.Stripe;

namespace Payments.Gateway.Tests.Audit;

/// <summary>Each accepted Stripe event is the first entry of its payment's story, and names the conversation its messages carry.</summary>
[TestFixture]
public class When_the_gateway_accepts_an_event
{
    [Test]
    public async Task Should_record_one_intake_entry_with_the_conversation_of_the_published_message()
    {
        await using var gateway = await GatewayHost.StartAsync();
        var charge = new ChargeSpec { Amount = 2_500, Currency = "usd", BillingEmail = "buyer@example.com", Metadata = new Dictionary<string, string> { ["items"] = "ABC-1:1" } };
        var evt = StripeEventBuilder.ChargeSucceeded(charge);

        var first = await gateway.PostAsync(evt.Json, evt.Sign(GatewayHost.Secret));
        var again = await gateway.PostAsync(evt.Json, evt.Sign(GatewayHost.Secret));
        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await gateway.PublishedAsync<StripeChargeSucceeded>();
        var published = gateway.Harness.Consumed.Select<StripeChargeSucceeded>().Single(m => m.Context.Message.StripeEventId == evt.Id);

        var story = await gateway.Services.GetRequiredService<IAuditTrail>().StoryAsync(charge.Id, CancellationToken.None);

        var intake = story.Single(e => e.System == AuditSystems.Intake);
        Assert.Multiple(() =>
        {
            Assert.That(story.Count(e => e.CausedBy == evt.Id), Is.EqualTo(1), "a redelivery was recorded again");
            Assert.That(intake.Action, Is.EqualTo("webhook charge.succeeded"));
            Assert.That(intake.CausedBy, Is.EqualTo(evt.Id));
            Assert.That(intake.Flow, Is.EqualTo(FlowNames.ChargeToOrder));
            Assert.That(intake.Step, Is.EqualTo(nameof(StripeChargeSucceeded)));
            Assert.That(intake.Subject, Is.EqualTo(CorrelationKey.StripePayment(charge.PaymentIntentId, charge.Id).ToString()));
            Assert.That(intake.ConversationId, Is.EqualTo(published.Context.ConversationId), "the published message does not carry the intake's conversation");
            Assert.That(intake.ConversationId, Is.EqualTo(StripeEventIntake.ConversationOf(evt.Id)));
            Assert.That(intake.Result, Does.Contain(nameof(StripeChargeSucceeded)));
        });
    }
}
