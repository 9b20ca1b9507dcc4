using System.Text.Json;
using MassTransit;
using Payments.Contracts.Shared;
using Payments.Contracts.StripeRefund;
using Payments.Simulators.Stripe;
using RabbitMQ.Client;

namespace Payments.Integration.Tests.Flows.Replicas;

/// <summary>
/// Two processes of every service (two gateways, two saga hosts, two P21, Stripe and Znode services) on one virtual host and one set of
/// databases, as a deployment scaled out runs them. Charges spread over both gateways must still make exactly one P21 order each and
/// complete once; what must run once per installation — the Znode pollers, the gateway's missed-event sweep, the durable scheduler —
/// must run in one replica only.
/// </summary>
[TestFixture]
[NonParallelizable]
public class When_every_service_runs_twice : FlowFixture
{
    const int Charges = 40;
    const string RefundSagaQueue = "refund-state";
    const string DescribeQueue = "describe-refunded-charge";
    static readonly TimeSpan Settle = TimeSpan.FromMinutes(4);

    protected override int Replicas => 2;

    protected override void Configure(Dictionary<string, string> environment)
    {
        // On, and often, so that both gateways compete for its lease while the test runs.
        environment["Gateway__Sweep__Enabled"] = "true";
        environment["Gateway__Sweep__Interval"] = "00:00:02";
        environment["Gateway__Sweep__LeaseDuration"] = "00:00:30";
    }

    [Test]
    public async Task Should_make_exactly_one_P21_order_per_charge_spread_over_both_gateways()
    {
        var gateways = Cluster.GatewayUrls;
        Assert.That(gateways, Has.Count.EqualTo(2));
        var charges = Enumerable.Range(0, Charges).Select(_ => NewCharge()).ToList();

        // Round robin over the two gateways, a few at a time, as a load balancer in front of them would.
        var answers = new List<(int Status, string Body)>();
        foreach (var batch in charges.Select((c, i) => (c, i)).Chunk(8))
            answers.AddRange(await Task.WhenAll(batch.Select(x => PostAsync(StripeEventBuilder.ChargeSucceeded(x.c), gateways[x.i % 2]))));
        Assert.That(answers.Where(a => a.Status != 200), Is.Empty, "every webhook accepted");

        var keys = charges.ToDictionary(c => CorrelationKey.StripePayment(c.PaymentIntentId, c.Id).ToGuid(), c => c);
        var completed = await CountCompletedAsync(keys.Keys.ToHashSet());
        var queues = await Broker.WaitUntilDrainedAsync(Settle);
        // Anything announced late (a second FlowCompleted of a flow) is on the observer queue by now.
        var late = await CountCompletedAsync([], TimeSpan.FromSeconds(5));
        foreach (var (id, count) in late)
            completed[id] = completed.GetValueOrDefault(id) + count;

        Assert.Multiple(() =>
        {
            Assert.That(charges.Where(c => P21.Store.FindOrdersByReference(c.Id).Count != 1)
                    .Select(c => $"{c.Id}: {P21.Store.FindOrdersByReference(c.Id).Count} orders"), Is.Empty,
                "exactly one P21 order per charge");
            Assert.That(keys.Keys.Where(k => completed.GetValueOrDefault(k) != 1).Select(k => $"{keys[k].Id}: {completed.GetValueOrDefault(k)}"), Is.Empty,
                "one FlowCompleted per flow");
            Assert.That(queues.Where(q => q.Messages > 0).Select(q => $"{q.Name}: {q.Messages}"), Is.Empty, "nothing left in any queue, _error included");
        });
    }

    [Test]
    public async Task Should_run_each_poller_and_the_sweep_in_one_replica_only()
    {
        // A poller logs when it takes the lease (and when it loses it); a replica that never holds it says nothing.
        (string Project, string What)[] singletons =
        [
            ("Payments.ZnodeService", "Znode return poller"),
            ("Payments.ZnodeService", "Znode account poller"),
            ("Payments.Gateway", "Missed-event sweep"),
        ];
        var deadline = DateTime.UtcNow + Within;
        while (singletons.Any(s => HoldersOf(s.Project, s.What).Count == 0) && DateTime.UtcNow < deadline)
            await Task.Delay(500);
        // Many rounds of every poller (1 s) and of the sweep (2 s) with both replicas competing for each lease.
        await Task.Delay(TimeSpan.FromSeconds(15));

        Assert.Multiple(() =>
        {
            foreach (var (project, what) in singletons)
                Assert.That(HoldersOf(project, what), Has.Count.EqualTo(1), $"{what}: one replica took the lease, once, and kept it");
        });
    }

    /// <summary>Every "holds the lease" line of <paramref name="what"/> in the logs of <paramref name="project"/>'s replicas.</summary>
    List<string> HoldersOf(string project, string what) =>
    [
        .. Cluster.Replicas(project).SelectMany(p => p.Tail(int.MaxValue).Split('\n'))
            .Where(l => l.Contains(what + " ", StringComparison.Ordinal) && l.Contains("holds the lease", StringComparison.Ordinal)),
    ];

    [Test]
    public async Task Should_deliver_each_scheduled_recheck_once_with_two_saga_hosts()
    {
        // A copy of everything sent to the refund saga's queue: the durable scheduler sends each recheck there, from either saga host.
        var copies = await BindCopyQueueAsync(RefundSagaQueue);
        Stripe.Webhooks.Configure(Gateway.BaseUrl + "/webhooks/stripe", WebhookSecret);
        foreach (var queue in new[] { RefundSagaQueue, DescribeQueue })
            await Broker.WaitForConsumerAsync(queue, Within);

        var charge = NewCharge();
        // Refunded before charge-to-order ran: the refund flow reads the charge again every 2 s until it names a P21 order.
        var refund = (string)Stripe.Account.CreateRefund(charge.Id, null, 1_500, "requested_by_customer")["id"]!;
        var rechecks = new List<int>();
        var deadline = DateTime.UtcNow + Within;
        while (rechecks.Count < 3)
        {
            rechecks.AddRange(await TakeRechecksAsync(copies, refund));
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"only {rechecks.Count} rechecks of refund {refund} within {Within.TotalSeconds} s");
            await Task.Delay(250);
        }

        var (status, body) = await PostChargeSucceededAsync(charge);
        Assert.That(status, Is.EqualTo(200), body);
        await WaitForEachPublishedAsync<FlowCompleted>(CorrelationKey.StripePayment(charge.PaymentIntentId, charge.Id), CorrelationKey.StripeRefund(refund));
        var queues = await Broker.WaitUntilDrainedAsync(Within, ignoring: copies);
        rechecks.AddRange(await TakeRechecksAsync(copies, refund));

        Assert.Multiple(() =>
        {
            Assert.That(rechecks, Is.EqualTo(Enumerable.Range(1, rechecks.Count)), "each recheck sent once, in order");
            Assert.That(P21.Store.Rmas.Count(r => r.PoNo == refund), Is.EqualTo(1), "one RMA");
            Assert.That(queues.Where(q => q.Messages > 0 && q.Name != copies).Select(q => $"{q.Name}: {q.Messages}"), Is.Empty, "nothing left");
        });
    }

    /// <summary>
    /// Reads the observer queue until every flow in <paramref name="awaited"/> has announced <c>FlowCompleted</c> (or, with an empty set,
    /// for <paramref name="quiet"/>), counting every announcement per correlation id, so that a second one is seen too.
    /// </summary>
    async Task<Dictionary<Guid, int>> CountCompletedAsync(HashSet<Guid> awaited, TimeSpan? quiet = null)
    {
        var urn = MessageUrn.ForTypeString<FlowCompleted>();
        var counts = new Dictionary<Guid, int>();
        try
        {
            await Broker.WaitForPublishedAsync(Observer, e =>
            {
                if (e.GetProperty("messageType").EnumerateArray().Any(t => t.GetString() == urn))
                {
                    var id = e.GetProperty("message").GetProperty("correlationId").GetGuid();
                    counts[id] = counts.GetValueOrDefault(id) + 1;
                }
                return awaited.Count > 0 && awaited.All(counts.ContainsKey);
            }, quiet ?? Settle, $"FlowCompleted of {awaited.Count} flows");
        }
        catch (TimeoutException) when (awaited.Count == 0)
        {
            // Nothing more to read: the quiet period is over.
        }
        return counts;
    }

    /// <summary>A queue of the test's own bound to the exchange MassTransit sends <paramref name="queue"/>'s messages through.</summary>
    async Task<string> BindCopyQueueAsync(string queue)
    {
        await using var connection = await Connect();
        await using var channel = await connection.CreateChannelAsync();
        var copies = "replicas-copy-" + queue;
        await channel.QueueDeclareAsync(copies, durable: true, exclusive: false, autoDelete: false);
        await channel.ExchangeDeclareAsync(queue, ExchangeType.Fanout, durable: true, autoDelete: false);
        await channel.QueueBindAsync(copies, queue, routingKey: "");
        return copies;
    }

    /// <summary>Takes the copies queued so far and returns the <c>Attempt</c> of each <c>RecheckRefundedCharge</c> of the refund.</summary>
    async Task<List<int>> TakeRechecksAsync(string copies, string refundId)
    {
        var urn = MessageUrn.ForTypeString<RecheckRefundedCharge>();
        var attempts = new List<int>();
        await using var connection = await Connect();
        await using var channel = await connection.CreateChannelAsync();
        while (await channel.BasicGetAsync(copies, autoAck: true) is { } result)
        {
            using var envelope = JsonDocument.Parse(result.Body);
            var root = envelope.RootElement;
            if (root.GetProperty("messageType").EnumerateArray().Any(t => t.GetString() == urn)
                && root.GetProperty("message").GetProperty("refundId").GetString() == refundId)
                attempts.Add(root.GetProperty("message").GetProperty("attempt").GetInt32());
        }
        return attempts;
    }

    Task<IConnection> Connect() => new ConnectionFactory
    {
        HostName = Broker.Options.Host, Port = Broker.Options.Port, VirtualHost = Broker.Options.VirtualHost,
        UserName = Broker.Options.Username, Password = Broker.Options.Password,
    }.CreateConnectionAsync();
}
