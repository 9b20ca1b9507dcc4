using MassTransit;
using Payments.Contracts.Shared;
using Payments.Contracts.ZnodeReturn;
using Payments.ServiceDefaults.Failures;
using Payments.Simulators.Znode.Store;

namespace Payments.ZnodeService.Tests.ZnodeReturn;

/// <summary>
/// The znode-return flow's last step against the simulator: the return moves to REFUND PROCESSED with a note naming the Stripe
/// refund, its amount (KWD's three decimals) and the P21 document; a redelivery changes nothing and is acknowledged; an unknown
/// return is a permanent failure.
/// </summary>
[TestFixture]
public class When_completing_a_znode_return
{
    ZnodeServiceHost _host = null!;

    [SetUp]
    public async Task Start() => _host = await ZnodeServiceHost.StartAsync();

    [TearDown]
    public async Task Stop() => await _host.DisposeAsync();

    static CompleteZnodeReturn Complete(string returnNumber, string orderNumber) => new()
    {
        CorrelationId = CorrelationKey.ZnodeReturn(returnNumber).ToGuid(), ReturnNumber = returnNumber, OrderNumber = orderNumber,
        RefundId = "re_kwd", AmountMinor = 10_250, Currency = "KWD", P21DocumentNumber = "RMA-1042",
    };

    [Test]
    public async Task Should_move_the_return_to_refund_processed_with_a_note_once()
    {
        var order = _host.Znode.PlaceOrder(new ZnodeOrderSpec
        {
            CurrencyCode = "KWD", PaymentStatus = "CAPTURED", Lines = [new() { Sku = "OUD-1", Quantity = 2, Price = 12.345m }],
        });
        var item = _host.Znode.CreateReturn(order.OrderNumber);
        _host.Znode.ApproveReturn(item.ReturnNumber, 10.25m);

        await _host.Harness.Bus.Publish(Complete(item.ReturnNumber, order.OrderNumber));
        await _host.ReceivedAsync<ZnodeReturnCompleted>();
        await _host.Harness.Bus.Publish(Complete(item.ReturnNumber, order.OrderNumber)); // redelivered: another message id
        var completed = await _host.ReceivedAsync<ZnodeReturnCompleted>(2);

        var now = _host.Znode.Store.FindReturn(item.ReturnNumber)!;
        Assert.Multiple(() =>
        {
            Assert.That(now.RmaReturnStateId, Is.EqualTo(ZnodeReturnStates.RefundProcessed));
            Assert.That(now.TotalReturnAmount, Is.EqualTo(10.25m), "what was approved stays");
            Assert.That(now.Notes.Select(n => n.Notes), Is.EqualTo(new[] { "Refunded by Stripe: 10.25 KWD (refund re_kwd; P21 document RMA-1042)." }), "one note for two deliveries");
            Assert.That(now.History.Select(h => h.Message), Is.EqualTo(new[] { "Submitted", "Partially Approved", "Refund Processed" }));
            Assert.That(completed.Select(c => (c.ReturnNumber, c.ReturnState)), Is.All.EqualTo((item.ReturnNumber, "Refund Processed")));
        });
    }

    [Test]
    public async Task Should_fail_permanently_for_a_return_znode_does_not_have()
    {
        await _host.Harness.Bus.Publish(Complete("RONOPE-1", "MA-1"));

        Assert.That(await _host.FaultedAsync<CompleteZnodeReturn>(), Is.True);
        var fault = _host.FaultOf<CompleteZnodeReturn>();
        Assert.That(fault.Exceptions.Single().ExceptionType, Is.EqualTo(typeof(PermanentFailureException).FullName));
        Assert.That(fault.Exceptions.Single().Message, Does.Contain("Znode has no return RONOPE-1"));
    }
}
