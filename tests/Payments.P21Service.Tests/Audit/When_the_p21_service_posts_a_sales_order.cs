using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Payments.Contracts.ChargeToOrder;
using Payments.Contracts.Shared;
using Payments.Persistence.Audit;
using Payments.Simulators.P21.Store;

namespace Payments.P21Service.Tests.Audit;

/// <summary>The P21 service as Program.cs wires it, on the P21 simulator: its writes land in the audit trail (SQLite here).</summary>
[TestFixture]
public class When_the_p21_service_posts_a_sales_order
{
    P21BusHost<OrderPostedStandIn> _host = null!;

    [OneTimeSetUp]
    public async Task Start() => _host = await P21BusHost<OrderPostedStandIn>.StartAsync();

    [OneTimeTearDown]
    public async Task Stop() => await _host.DisposeAsync();

    [Test]
    public async Task Should_record_the_post_with_its_flow_step_subject_and_cause_and_no_secret()
    {
        var trail = _host.Services.GetRequiredService<IAuditTrail>();
        var payment = P21Harness.Payment(P21Seed.AcmeEmail);
        var subject = CorrelationKey.StripePayment(payment.PaymentIntentId, payment.ChargeId);
        var conversation = NewId.NextGuid();
        const string eventId = "evt_1AuditP21Sales01";
        // What the gateway records when it accepts the charge's webhook (its conversation is the one the command carries on).
        await trail.RecordAsync(new AuditEntry
        {
            Id = conversation,
            At = DateTimeOffset.UtcNow,
            Service = "gateway",
            System = AuditSystems.Intake,
            Action = "webhook charge.succeeded",
            Flow = FlowNames.ChargeToOrder,
            Step = nameof(StripeChargeSucceeded),
            Subject = subject.ToString(),
            CausedBy = eventId,
            ConversationId = conversation,
            Outcome = AuditOutcomes.Succeeded,
            References = $"{eventId} {payment.ChargeId} {payment.PaymentIntentId}",
        }, CancellationToken.None);

        await _host.Harness.Bus.Publish(new PostP21Order { CorrelationId = subject.ToGuid(), Payment = payment }, context => context.ConversationId = conversation);
        var posted = await _host.PublishedAsync<P21OrderPosted>(m => m.CorrelationId == subject.ToGuid());
        Assert.That(posted, Is.Not.Null, "the order was not posted");

        var story = await trail.StoryAsync(payment.ChargeId, CancellationToken.None);
        var writes = story.Where(e => e.System == AuditSystems.P21).ToList();
        Assert.That(story.First().System, Is.EqualTo(AuditSystems.Intake), "the story does not begin with the event that caused it");
        Assert.That(writes, Is.Not.Empty, "the P21 service's writes were not recorded");
        var order = writes.SingleOrDefault(w => w.Result?.Contains(posted!.OrderNo, StringComparison.Ordinal) == true);
        Assert.That(order, Is.Not.Null, $"no write names the order {posted!.OrderNo}: {string.Join(" | ", writes.Select(w => $"{w.Action} {w.Outcome} {w.Result}"))}");
        Assert.Multiple(() =>
        {
            Assert.That(order!.Service, Is.Not.Empty);
            Assert.That(order.Action, Does.StartWith("POST "));
            Assert.That(order.Flow, Is.EqualTo(FlowNames.ChargeToOrder));
            Assert.That(order.Step, Is.EqualTo(nameof(PostP21Order)));
            Assert.That(order.Subject, Is.EqualTo(subject.ToString()));
            Assert.That(order.CausedBy, Is.EqualTo(eventId));
            Assert.That(order.ConversationId, Is.EqualTo(conversation));
            Assert.That(order.Outcome, Is.EqualTo(AuditOutcomes.Succeeded));
            Assert.That(order.StatusCode, Is.EqualTo(200));
            Assert.That(order.Request, Does.Contain(payment.ChargeId), "the request's essentials (the order's reference) are missing");
        });
        var password = _host.Simulator.Options.Password;
        foreach (var entry in story)
        {
            Assert.That($"{entry.Request} {entry.Result} {entry.Action}", Does.Not.Contain(password).And.Not.Contain("Bearer"),
                $"a credential reached the audit trail in {entry.Action}");
        }
        Assert.That(story.Where(e => e.System == AuditSystems.P21).Select(e => e.Action), Has.None.Contains("/api/security/token"),
            "the token request (a credential exchange, not a write) was recorded");
    }
}

/// <summary>Stands for the saga: takes the service's answer.</summary>
public sealed class OrderPostedStandIn : IConsumer<P21OrderPosted>
{
    public Task Consume(ConsumeContext<P21OrderPosted> context) => Task.CompletedTask;
}
