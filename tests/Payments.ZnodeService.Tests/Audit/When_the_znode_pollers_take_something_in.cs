using MassTransit.Testing;
using Payments.Contracts.CustomerSync;
using Payments.Contracts.Shared;
using Payments.Contracts.ZnodeOrderToCash;
using Payments.Contracts.ZnodeReturn;
using Payments.Persistence.Audit;
using Payments.Simulators.Znode.Store;
using Payments.ZnodeService.Tests.CustomerSync;

namespace Payments.ZnodeService.Tests.Audit;

/// <summary>
/// What a poller takes in from Znode is the first entry of its story: an order (naming the conversation its ZnodeOrderPlaced carries), an
/// approved return (likewise its ZnodeReturnApproved), a linked account's change (one entry per change).
/// </summary>
[TestFixture]
public class When_the_znode_pollers_take_something_in
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

    [Test]
    public async Task Should_record_one_intake_entry_for_an_approved_return_with_the_conversation_of_its_announcement()
    {
        await using var host = await ZnodeServiceHost.StartAsync();
        var order = host.Znode.PlaceOrder(new ZnodeOrderSpec
        {
            CurrencyCode = "USD", PaymentStatus = "CAPTURED", Lines = [new() { Sku = "TEA-1", ProductName = "Tea", Quantity = 3, Price = 20m }],
        });
        host.Znode.Store.SetTransactionId(order.OmsOrderId, "ch_tea", "test");
        var item = host.Znode.CreateReturn(order.OrderNumber, [("TEA-1", 1m)]);
        host.Znode.ApproveReturn(item.ReturnNumber);

        await host.PollReturnsAsync();
        await host.PollReturnsAsync();
        await host.ReceivedAsync<ZnodeReturnApproved>();

        var cause = CorrelationKey.ZnodeReturn(item.ReturnNumber).ToString();
        var approved = host.Harness.Consumed.Select<ZnodeReturnApproved>().Single().Context;
        var intake = (await host.Get<IAuditTrail>().StoryAsync(item.ReturnNumber, CancellationToken.None)).Single(e => e.System == AuditSystems.Intake);
        Assert.Multiple(() =>
        {
            Assert.That((intake.CausedBy, intake.Subject), Is.EqualTo((cause, cause)));
            Assert.That(intake.Flow, Is.EqualTo(FlowNames.ZnodeReturn));
            Assert.That(intake.Action, Is.EqualTo($"poller return {item.ReturnNumber}"));
            Assert.That(intake.Result, Is.EqualTo($"published {nameof(ZnodeReturnApproved)}"));
            Assert.That(intake.ConversationId, Is.EqualTo(approved.ConversationId), "the announcement does not carry the intake's conversation");
        });
    }

    [Test]
    public async Task Should_record_an_intake_entry_per_reported_change_of_a_linked_account()
    {
        await using var host = await ZnodeServiceHost.StartAsync();
        var user = host.Znode.CreateUser(new ZnodeUserSpec { Email = "ann@maple.example", FirstName = "Ann", LastName = "Lee" });
        await host.LinkAsync("cus_ann", user.UserId, version: 1);

        await host.PollAccountsAsync();
        await host.PollAccountsAsync();
        host.Znode.ChangeUser(user.UserId, u => u with { PhoneNumber = "555-0199" });
        await host.PollAccountsAsync();
        await host.ReceivedAsync<ZnodeAccountReported>(2);

        var intakes = (await host.Get<IAuditTrail>().StoryAsync("cus_ann", CancellationToken.None)).Where(e => e.System == AuditSystems.Intake).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(host.Received<ZnodeAccountReported>(), Has.Count.EqualTo(2));
            Assert.That(intakes, Has.Count.EqualTo(2), "one entry per reported change, none for the round that found nothing new");
            Assert.That(intakes.Select(e => e.Flow), Is.All.EqualTo(FlowNames.CustomerSync));
            Assert.That(intakes.Select(e => e.Action), Is.All.EqualTo($"poller account {user.UserId}"));
            Assert.That(intakes.Select(e => e.CausedBy), Is.All.EqualTo(CorrelationKey.StripeCustomer("cus_ann").ToString()));
        });
    }
}
