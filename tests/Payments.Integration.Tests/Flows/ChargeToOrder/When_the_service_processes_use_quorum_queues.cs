namespace Payments.Integration.Tests.Flows.ChargeToOrder;

/// <summary>The same four processes with <c>Bus:RabbitMq:QueueType=Quorum</c>, as the compose file deploys them.</summary>
[TestFixture]
[NonParallelizable]
public class When_the_service_processes_use_quorum_queues : FlowFixture
{
    protected override string QueueType => "Quorum";

    [Test]
    public async Task Should_declare_quorum_queues_and_complete_a_payment_through_them()
    {
        var charge = NewCharge();

        await PostChargeSucceededAsync(charge);
        var completed = await WaitForCompletedAsync(charge);
        var queues = await Broker.WaitUntilDrainedAsync(Within);

        var types = queues.ToDictionary(q => q.Name, q => q.Type);
        Assert.Multiple(() =>
        {
            foreach (var queue in new[] { SagaQueue, PostP21OrderQueue, RecordOnChargeQueue, WaitQueue })
                Assert.That(types.GetValueOrDefault(queue), Is.EqualTo("quorum"), queue);
            Assert.That(P21.Store.FindOrdersByReference(charge.Id).Select(o => o.OrderNo),
                Is.EqualTo(new[] { OrderNoOf(completed) }), "exactly one P21 order for the charge");
            Assert.That(queues.Where(q => q.Messages > 0).Select(q => q.Name), Is.Empty, "messages left in queues");
        });
    }
}
