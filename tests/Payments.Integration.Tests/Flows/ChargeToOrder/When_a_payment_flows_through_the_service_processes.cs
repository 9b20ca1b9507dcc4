using System.Text.Json;
using Payments.Contracts.ChargeToOrder;
using Payments.Contracts.Shared;
using Payments.Simulators.P21.Faults;
using Payments.Simulators.P21.Store;
using Payments.Simulators.Stripe;

namespace Payments.Integration.Tests.Flows.ChargeToOrder;

/// <summary>
/// A Stripe charge.succeeded through the gateway, saga host, P21 service and Stripe service, each its own process on RabbitMQ,
/// while the P21 simulator misbehaves: the order must reach P21 exactly once, and every message must end where it should.
/// </summary>
[TestFixture]
[NonParallelizable]
public class When_a_payment_flows_through_the_service_processes : FlowFixture
{
    [Test]
    public async Task Should_post_one_P21_order_record_it_on_the_charge_and_leave_every_queue_empty()
    {
        var before = await Broker.SettledQueuesAsync();
        var requests = P21.Requests.Count;
        var charge = NewCharge();

        var (status, body) = await PostChargeSucceededAsync(charge);
        Assert.That(status, Is.EqualTo(200), body);
        Assert.That(body, Does.Contain("\"published\""));
        var completed = await WaitForCompletedAsync(charge);
        var queues = await Broker.WaitUntilDrainedAsync(Within);
        var delivered = await Broker.GrowthSinceAsync(before, q => q.Acked, HappyPathDeliveries, Within);

        AssertOneOrderRecordedOnCharge(charge, completed);
        Assert.Multiple(() =>
        {
            Assert.That(TransactionCallsSince(requests), Is.EqualTo(1), "one TAPI order create");
            Assert.That(delivered, Is.EquivalentTo(HappyPathDeliveries), "deliveries acknowledged per queue");
            AssertNothingLeft(queues);
        });
    }

    [Test]
    public async Task Should_retry_P21_server_errors_through_the_wait_queue_and_post_one_order()
    {
        var before = await Broker.SettledQueuesAsync();
        var requests = P21.Requests.Count;
        // Three quick attempts fail, the message waits once in the broker, then one more attempt fails and the next one succeeds.
        P21.Faults.Inject(P21Route.Transaction, P21Fault.ServerError(), times: 4);
        var charge = NewCharge();

        await PostChargeSucceededAsync(charge);
        var completed = await WaitForCompletedAsync(charge);
        var queues = await Broker.WaitUntilDrainedAsync(Within);
        var delivered = await Broker.GrowthSinceAsync(before, q => q.Acked,
            new Dictionary<string, long>(HappyPathDeliveries) { [PostP21OrderQueue] = 2 }, Within);
        var waited = await Broker.GrowthSinceAsync(before, q => q.Published, new Dictionary<string, long> { [WaitQueue] = 1 }, Within);

        AssertOneOrderRecordedOnCharge(charge, completed);
        Assert.Multiple(() =>
        {
            Assert.That(TransactionCallsSince(requests), Is.EqualTo(5), "four refused TAPI calls and the one that created the order");
            Assert.That(delivered[PostP21OrderQueue], Is.EqualTo(2), "PostP21Order delivered twice: before and after its redelivery");
            Assert.That(waited[WaitQueue], Is.EqualTo(1), $"PostP21Order waited once in {WaitQueue}");
            Assert.That(delivered[SagaQueue], Is.EqualTo(3));
            Assert.That(delivered[RecordOnChargeQueue], Is.EqualTo(1));
            AssertNothingLeft(queues);
        });
    }

    [Test]
    public async Task Should_find_the_order_P21_created_during_a_time_out_and_not_post_it_again()
    {
        var requests = P21.Requests.Count;
        // P21 creates the order after our client has given up; the retry comes after that and finds it by the charge id.
        P21.Faults.Inject(P21Route.Transaction, P21Fault.Slow(P21PoolWait + P21RequestTimeout + TimeSpan.FromSeconds(1.5)));
        var charge = NewCharge();

        await PostChargeSucceededAsync(charge);
        var completed = await WaitForCompletedAsync(charge);
        var queues = await Broker.WaitUntilDrainedAsync(Within);

        AssertOneOrderRecordedOnCharge(charge, completed);
        Assert.Multiple(() =>
        {
            Assert.That(TransactionCallsSince(requests), Is.EqualTo(1), "the retry found the order and did not post another");
            Assert.That(P21.Requests.Skip(requests).Count(r => r.Route == P21Route.OData && r.PathAndQuery.Contains(charge.Id)), Is.EqualTo(2),
                "looked up by charge id before the post and again on the retry");
            AssertNothingLeft(queues);
        });
    }

    [Test]
    public async Task Should_fault_a_P21_business_rule_failure_at_once_and_post_it_once_after_a_redrive()
    {
        var requests = P21.Requests.Count;
        const string refusal = "Customer 100198 is on credit hold.";
        P21.Faults.Inject(P21Route.Transaction, P21Fault.BusinessRuleFailure(refusal));
        var charge = NewCharge();

        await PostChargeSucceededAsync(charge);
        var failed = await WaitForFailedAsync(charge);
        var faulted = (await Broker.WaitForMessagesAsync(PostP21OrderErrorQueue, 1, Within)).Single();
        var headers = faulted.GetProperty("properties").GetProperty("headers");
        var messageId = faulted.GetProperty("properties").GetProperty("message_id").GetString()!;

        Assert.Multiple(() =>
        {
            Assert.That(TransactionCallsSince(requests), Is.EqualTo(1), "a business-rule refusal is not retried");
            Assert.That(failed.GetProperty("step").GetString(), Is.EqualTo("PostP21Order"));
            Assert.That(failed.GetProperty("reason").GetString(), Does.Contain(refusal), "the saga's failure names P21's reason");
            Assert.That(Header(headers, "MT-Reason"), Is.EqualTo("fault"));
            Assert.That(Header(headers, "MT-Fault-ExceptionType"), Does.EndWith("PermanentFailureException"));
            Assert.That(Header(headers, "MT-Fault-Message"), Does.Contain(refusal), "P21's own text in the fault");
            Assert.That(Header(headers, "Payments-Failure-Kind"), Is.EqualTo("permanent"));
            Assert.That(Header(headers, "Payments-Failure-System"), Is.EqualTo("P21"));
            Assert.That(faulted.GetProperty("payload").GetString(), Does.Contain(charge.Id), "the PostP21Order for this charge");
            Assert.That(P21.Store.FindOrdersByReference(charge.Id), Is.Empty);
            Assert.That(Stripe.GetChargeMetadata(charge.Id).ContainsKey(StripeMetadataKeys.P21OrderNo), Is.False);
        });

        // The operator sees it, P21 lifts the credit hold (the refusal was injected for one call), the operator redrives it.
        var (listed, listing) = await RunPaymentsCommandAsync("faults", "list", "--queue", PostP21OrderQueue);
        Assert.That(listed, Is.Zero, listing);
        Assert.That(listing, Does.Contain(messageId).And.Contain("reason: permanent (P21)").And.Contain(refusal));
        var (redriven, output) = await RunPaymentsCommandAsync("faults", "redrive", PostP21OrderErrorQueue, "--message-id", messageId);
        Assert.That(redriven, Is.Zero, output);
        Assert.That(output, Does.Contain($"moved 1 message(s) from {PostP21OrderErrorQueue} to {PostP21OrderQueue}"));

        var completed = await WaitForCompletedAsync(charge);
        var queues = await Broker.WaitUntilDrainedAsync(Within);
        AssertOneOrderRecordedOnCharge(charge, completed);
        Assert.Multiple(() =>
        {
            Assert.That(TransactionCallsSince(requests), Is.EqualTo(2), "the refused call and the one after the redrive");
            AssertNothingLeft(queues);
        });
    }

    [Test]
    public async Task Should_fault_rejected_P21_credentials_at_once_and_post_once_after_they_are_fixed_and_redriven()
    {
        var requests = P21.Requests.Count;
        // The API user's password was changed in P21: the cached token is dead and every new token request is refused.
        P21.Options.Password = "changed-by-the-p21-admin";
        P21.ExpireAllTokens();
        var charge = NewCharge();

        await PostChargeSucceededAsync(charge);
        var failed = await WaitForFailedAsync(charge);
        var faulted = (await Broker.WaitForMessagesAsync(PostP21OrderErrorQueue, 1, Within)).Single();
        var headers = faulted.GetProperty("properties").GetProperty("headers");
        var tokenRequests = P21.Requests.Skip(requests).Count(r => r.Route == P21Route.Token);

        Assert.Multiple(() =>
        {
            Assert.That(failed.GetProperty("reason").GetString(), Does.Contain("refused the API credentials"));
            Assert.That(Header(headers, "MT-Fault-Message"), Does.Contain("refused the API credentials"));
            Assert.That(Header(headers, "Payments-Failure-Kind"), Is.EqualTo("permanent"));
            Assert.That(Header(headers, "Payments-Failure-System"), Is.EqualTo("P21"));
            Assert.That(tokenRequests, Is.EqualTo(1), "one fresh token asked for after the 401, refused, and no retry");
            Assert.That(TransactionCallsSince(requests), Is.Zero);
            Assert.That(P21.Store.FindOrdersByReference(charge.Id), Is.Empty);
        });

        P21.Options.Password = OriginalP21Password; // the operator puts the right password where it belongs
        var (redriven, output) = await RunPaymentsCommandAsync("faults", "redrive", PostP21OrderErrorQueue, "--all");
        Assert.That(redriven, Is.Zero, output);

        var completed = await WaitForCompletedAsync(charge);
        var queues = await Broker.WaitUntilDrainedAsync(Within);
        AssertOneOrderRecordedOnCharge(charge, completed);
        Assert.Multiple(() =>
        {
            Assert.That(TransactionCallsSince(requests), Is.EqualTo(1));
            AssertNothingLeft(queues);
        });
    }

    [Test]
    public async Task Should_post_once_when_Stripe_repeats_the_event_and_sends_another_for_the_same_charge()
    {
        var before = await Broker.SettledQueuesAsync();
        var requests = P21.Requests.Count;
        var charge = NewCharge();
        var webhook = StripeEventBuilder.ChargeSucceeded(charge);

        var first = await PostAsync(webhook);
        var repeated = await PostAsync(webhook);
        var completed = await WaitForCompletedAsync(charge);
        var another = await PostAsync(StripeEventBuilder.ChargeSucceeded(charge)); // a new event id for the charge already done
        var queues = await Broker.WaitUntilDrainedAsync(Within);
        var delivered = await Broker.GrowthSinceAsync(before, q => q.Acked,
            new Dictionary<string, long>(HappyPathDeliveries) { [SagaQueue] = 4 }, Within);

        AssertOneOrderRecordedOnCharge(charge, completed);
        Assert.Multiple(() =>
        {
            Assert.That(first.Body, Does.Contain("\"published\""));
            Assert.That(repeated.Body, Does.Contain("\"duplicate\""), "the same event id is published once");
            Assert.That(another.Body, Does.Contain("\"published\""), "another event id is published");
            Assert.That(delivered[SagaQueue], Is.EqualTo(4), "the saga received the second event");
            Assert.That(delivered[PostP21OrderQueue], Is.EqualTo(1), "and did not ask for a second order");
            Assert.That(TransactionCallsSince(requests), Is.EqualTo(1));
            AssertNothingLeft(queues);
        });
    }

    [Test]
    public async Task Should_deliver_a_payment_that_waited_in_the_broker_while_the_P21_service_crashed_and_restarted()
    {
        var requests = P21.Requests.Count;
        // Every quick attempt of the first delivery fails: the message goes to the wait queue, off the P21 service's hands.
        P21.Faults.Inject(P21Route.Transaction, P21Fault.ServerError(), times: 3);
        var charge = NewCharge();

        await PostChargeSucceededAsync(charge);
        await Broker.WaitForCountAsync(WaitQueue, 1, Within);
        await CrashAndRestartAsync("Payments.P21Service", PostP21OrderQueue);
        var completed = await WaitForCompletedAsync(charge);
        var queues = await Broker.WaitUntilDrainedAsync(Within);

        AssertOneOrderRecordedOnCharge(charge, completed);
        Assert.Multiple(() =>
        {
            Assert.That(TransactionCallsSince(requests), Is.EqualTo(4), "three refused calls before the crash, one after the restart");
            AssertNothingLeft(queues);
        });
    }

    [Test]
    public async Task Should_complete_a_payment_whose_saga_host_crashed_and_restarted_while_P21_was_retried()
    {
        var requests = P21.Requests.Count;
        P21.Faults.Inject(P21Route.Transaction, P21Fault.ServerError(), times: 3);
        var charge = NewCharge();

        await PostChargeSucceededAsync(charge);
        // The saga has asked for the order and waits for it; its state is in its database, not in the process.
        await Broker.WaitForCountAsync(WaitQueue, 1, Within);
        await CrashAndRestartAsync("Payments.Sagas", SagaQueue);
        var completed = await WaitForCompletedAsync(charge);
        var queues = await Broker.WaitUntilDrainedAsync(Within);

        AssertOneOrderRecordedOnCharge(charge, completed);
        Assert.Multiple(() =>
        {
            Assert.That(TransactionCallsSince(requests), Is.EqualTo(4));
            AssertNothingLeft(queues);
        });
    }

    /// <summary>One delivery of each message of a payment: ChargeSucceeded, P21OrderPosted, ...Recorded to the saga; one command each to the services.</summary>
    static readonly IReadOnlyDictionary<string, long> HappyPathDeliveries = new Dictionary<string, long>
    {
        [SagaQueue] = 3,
        [PostP21OrderQueue] = 1,
        [RecordOnChargeQueue] = 1,
    };

    void AssertOneOrderRecordedOnCharge(ChargeSpec charge, JsonElement completed)
    {
        var orderNo = OrderNoOf(completed);
        var orders = P21.Store.FindOrdersByReference(charge.Id);
        var metadata = Stripe.GetChargeMetadata(charge.Id);
        Assert.Multiple(() =>
        {
            Assert.That(orders, Has.Count.EqualTo(1), "exactly one P21 order carries the charge id");
            Assert.That(orders.Select(o => o.OrderNo), Is.EqualTo(new[] { orderNo }));
            Assert.That(orders.Select(o => o.CustomerId), Is.EqualTo(new[] { P21Seed.AcmeCustomerId }));
            Assert.That(orders.SelectMany(o => o.Lines).Select(l => (l.ItemId, l.UnitQuantity)),
                Is.EquivalentTo(new[] { ("WIDGET-001", 2m), ("GADGET-200", 1m) }));
            Assert.That(metadata.GetValueOrDefault(StripeMetadataKeys.P21OrderNo), Is.EqualTo(orderNo), "the order number on the Stripe charge");
            Assert.That(metadata.GetValueOrDefault(StripeMetadataKeys.P21CustomerId), Is.EqualTo(P21Seed.AcmeCustomerId.ToString()));
        });
    }

    static void AssertNothingLeft(IReadOnlyList<QueueView> queues)
    {
        Assert.That(queues.Where(q => q.Messages > 0).Select(q => $"{q.Name}: {q.Messages}"), Is.Empty, "messages left in queues");
        Assert.That(queues.Select(q => q.Name), Is.SupersetOf(new[] { SagaQueue, PostP21OrderQueue, RecordOnChargeQueue, WaitQueue }));
    }

    static string? Header(JsonElement headers, string name) =>
        headers.TryGetProperty(name, out var value) ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.ToString() : null;
}
