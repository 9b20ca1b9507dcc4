using MassTransit.Testing;
using Payments.Contracts.Shared;
using Payments.Contracts.ZnodeOrderToCash;
using Payments.Persistence.Audit;
using Payments.Simulators.Znode.Store;

namespace Payments.ZnodeService.Tests.Audit;

/// <summary>An order the poller takes in is the first entry of its story, and names the conversation its ZnodeOrderPlaced carries.</summary>
[TestFixture]
public class When_the_znode_poller_takes_an_order_in
{
    [Test]
    public async Task Should_record_one_intake_entry_with_the_conversation_of_the_published_order()
    {
        await using var host = await ZnodeServiceHost.StartAsync();
        var order = host.Znode.PlaceOrder(new ZnodeOrderSpec());

        await host.PollAsync();
        await host.PollAsync();
        await host.ReceivedAsync<ZnodeOrderPlaced>();

        var cause = CorrelationKey.ZnodeOrder(order.OrderNumber).ToString();
        var placed = host.Harness.Consumed.Select<ZnodeOrderPlaced>().Single(m => m.Context.Message.OrderNumber == order.OrderNumber);
        var story = await host.Get<IAuditTrail>().StoryAsync(order.OrderNumber, CancellationToken.None);
        var intake = story.Single(e => e.System == AuditSystems.Intake);
        Assert.Multiple(() =>
        {
            Assert.That(intake.CausedBy, Is.EqualTo(cause));
            Assert.That(intake.Subject, Is.EqualTo(cause));
            Assert.That(intake.Flow, Is.EqualTo(FlowNames.ZnodeOrderToCash));
            Assert.That(intake.Step, Is.EqualTo(nameof(ZnodeOrderPlaced)));
            Assert.That(intake.Action, Does.StartWith("poller order"));
            Assert.That(intake.ConversationId, Is.EqualTo(placed.Context.ConversationId), "the published order does not carry the intake's conversation");
        });
    }
}
