using System.Net;
using Payments.Simulators.Stripe;
using Payments.Simulators.Stripe.Webhooks;
using Stripe;

namespace Payments.Simulators.Tests.Stripe;

/// <summary>The events that follow from the fake's objects, signed as Stripe signs them and checked by Stripe.net's own verifier.</summary>
[TestFixture]
public class When_emitting_webhooks
{
    const string Secret = "whsec_simulator_tests_0123456789";

    WebhookReceiver _receiver = null!;
    StripeApiFake _fake = null!;
    StripeClient _client = null!;

    [SetUp]
    public async Task Start()
    {
        _receiver = await WebhookReceiver.StartAsync();
        _fake = await StripeApiFake.StartAsync(new StripeApiFakeOptions { SeedFixtureCharge = false, WebhookUrl = _receiver.Url, WebhookSecret = Secret });
        _client = StripeClients.For(_fake);
    }

    [TearDown]
    public async Task Stop()
    {
        await _fake.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Test]
    public async Task Should_send_each_event_in_order_signed_so_that_Stripe_net_accepts_it()
    {
        var intent = await _client.V1.PaymentIntents.CreateAsync(new PaymentIntentCreateOptions
        {
            Amount = 4_200, Currency = "usd", PaymentMethod = "pm_card_visa", Confirm = true,
        }, new RequestOptions { IdempotencyKey = "order-77" });
        await _client.V1.Refunds.CreateAsync(new RefundCreateOptions { PaymentIntent = intent.Id, Amount = 200 });
        await _fake.Webhooks.WaitForDeliveriesAsync();

        var events = _receiver.Received.Select(r => EventUtility.ConstructEvent(r.Body, r.Signature, Secret)).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(events.Select(e => e.Type), Is.EqualTo(new[]
            {
                EventTypes.PaymentIntentCreated, EventTypes.ChargeSucceeded, EventTypes.PaymentIntentSucceeded, EventTypes.ChargeRefunded, EventTypes.RefundCreated,
            }));
            Assert.That(((PaymentIntent)events[2].Data.Object).Id, Is.EqualTo(intent.Id));
            Assert.That(((Charge)events[1].Data.Object).BalanceTransactionId, Does.StartWith("txn_"));
            Assert.That(((Charge)events[3].Data.Object).AmountRefunded, Is.EqualTo(200));
            Assert.That(((Refund)events[4].Data.Object).Amount, Is.EqualTo(200));
            Assert.That(events[1].Request.IdempotencyKey, Is.EqualTo("order-77"), "the event names the call that caused it");
            Assert.That(events.Select(e => e.ApiVersion), Is.All.EqualTo(StripeConfiguration.ApiVersion));
            Assert.That(_receiver.Received.Select(r => r.ContentType), Is.All.EqualTo("application/json; charset=utf-8"));
        });
    }

    [Test]
    public void Should_compute_the_signature_as_stripe_documents_it()
    {
        var signedAt = DateTimeOffset.FromUnixTimeSeconds(1_773_144_000);
        const string payload = """{"id":"evt_1","object":"event"}""";

        var header = StripeSignature.Header(payload, Secret, signedAt);

        Assert.That(header, Is.EqualTo($"t=1773144000,v1={EventUtility.ComputeSignature(Secret, "1773144000", payload)}"));
        Assert.DoesNotThrow(() => EventUtility.ValidateSignature(payload, header, Secret, 300, 1_773_144_100));
        Assert.Throws<StripeException>(() => EventUtility.ValidateSignature(payload, header, "whsec_other", 300, 1_773_144_100));
    }

    [Test]
    public async Task Should_keep_failed_deliveries_as_undelivered_until_a_resend_succeeds()
    {
        _receiver.AnswerNext(500);
        var customer = await _client.V1.Customers.CreateAsync(new CustomerCreateOptions { Email = "first@example.com" });
        await _fake.Webhooks.WaitForDeliveriesAsync();
        var undelivered = await _client.V1.Events.ListAsync(new EventListOptions { DeliverySuccess = false });
        var failedEvent = await _client.V1.Events.GetAsync(undelivered.Data.Single().Id);

        using var control = new ControlClient(_fake.BaseUrl);
        var (resent, attempt) = await control.PostAsync($"/_sim/events/{failedEvent.Id}/deliver");
        var stillUndelivered = await _client.V1.Events.ListAsync(new EventListOptions { DeliverySuccess = false });
        var delivered = await _client.V1.Events.GetAsync(failedEvent.Id);
        var record = _fake.Account.FindEvent(failedEvent.Id)!;

        Assert.Multiple(() =>
        {
            Assert.That(failedEvent.Type, Is.EqualTo(EventTypes.CustomerCreated));
            Assert.That(((Customer)failedEvent.Data.Object).Id, Is.EqualTo(customer.Id));
            Assert.That(failedEvent.PendingWebhooks, Is.EqualTo(1));
            Assert.That(resent, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((int?)attempt!["statusCode"], Is.EqualTo(200));
            Assert.That(stillUndelivered.Data, Is.Empty);
            Assert.That(delivered.PendingWebhooks, Is.Zero);
            Assert.That(record.State, Is.EqualTo(StripeEventDeliveryState.Delivered));
            Assert.That(record.Attempts.Select(a => a.StatusCode), Is.EqualTo(new int?[] { 500, 200 }));
            Assert.That(_receiver.Received.Select(r => r.Body).Distinct().Count(), Is.EqualTo(1), "the same event body both times");
            Assert.That(_receiver.Received.Select(r => r.Signature), Is.All.Not.Empty);
        });
    }

    [Test]
    public async Task Should_count_a_redirect_or_an_unreachable_endpoint_as_a_failed_delivery()
    {
        _receiver.AnswerNext(302);
        await _client.V1.Customers.CreateAsync(new CustomerCreateOptions { Email = "redirected@example.com" });
        await _fake.Webhooks.WaitForDeliveriesAsync();
        _fake.Webhooks.Configure("http://127.0.0.1:9/unreachable", Secret);
        await _client.V1.Customers.CreateAsync(new CustomerCreateOptions { Email = "lost@example.com" });
        await _fake.Webhooks.WaitForDeliveriesAsync();

        var records = _fake.Account.Events.ToList();

        Assert.Multiple(() =>
        {
            Assert.That(records.Select(r => r.State), Is.All.EqualTo(StripeEventDeliveryState.Failed));
            Assert.That(records[1].Attempts.Single().StatusCode, Is.EqualTo(302));
            Assert.That(records[0].Attempts.Single().StatusCode, Is.Null);
            Assert.That(records[0].Attempts.Single().Error, Is.Not.Empty);
        });
    }

    [Test]
    public async Task Should_filter_events_by_type_and_keep_them_without_an_endpoint()
    {
        _fake.Webhooks.Disable();
        await _client.V1.Customers.CreateAsync(new CustomerCreateOptions { Email = "kept@example.com" });
        await _client.V1.PaymentIntents.CreateAsync(new PaymentIntentCreateOptions { Amount = 100, Currency = "usd", PaymentMethod = "pm_card_visa", Confirm = true });

        var charges = await _client.V1.Events.ListAsync(new EventListOptions { Type = "charge.*" });
        var some = await _client.V1.Events.ListAsync(new EventListOptions { Types = [EventTypes.CustomerCreated, EventTypes.PaymentIntentSucceeded] });
        var owed = await _client.V1.Events.ListAsync(new EventListOptions { DeliverySuccess = false });

        Assert.Multiple(() =>
        {
            Assert.That(charges.Data.Select(e => e.Type), Is.EqualTo(new[] { EventTypes.ChargeSucceeded }));
            Assert.That(some.Data.Select(e => e.Type), Is.EqualTo(new[] { EventTypes.PaymentIntentSucceeded, EventTypes.CustomerCreated }));
            Assert.That(owed.Data, Is.Empty, "nothing is owed when no endpoint was configured");
            Assert.That(_receiver.Received, Is.Empty);
        });
    }

    [Test]
    public async Task Should_emit_for_a_seeded_charge_and_replay_any_event_over_the_control_api()
    {
        using var control = new ControlClient(_fake.BaseUrl);
        var (seeded, charge) = await control.PostAsync("/_sim/charges", new
        {
            amount = 2_468, currency = "usd", billingEmail = "ap@acme-supply.example", metadata = new Dictionary<string, string> { ["items"] = "WIDGET-001:2" },
        });
        var (emitted, evt) = await control.PostAsync("/_sim/events", new { type = "charge.succeeded", objectId = (string?)charge!["id"] });
        var (missing, _) = await control.PostAsync("/_sim/events", new { type = "charge.succeeded", objectId = "ch_nope" });
        await _fake.Webhooks.WaitForDeliveriesAsync();
        var received = _receiver.Received.Select(r => EventUtility.ConstructEvent(r.Body, r.Signature, Secret)).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(seeded, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(emitted, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(missing, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(received.Select(e => e.Type), Is.EqualTo(new[] { "charge.succeeded", "charge.succeeded" }));
            Assert.That(received.Select(e => e.Id).Distinct().Count(), Is.EqualTo(2), "a replay is a new event about the same object");
            Assert.That(received.Select(e => ((Charge)e.Data.Object).Metadata["items"]), Is.All.EqualTo("WIDGET-001:2"));
            Assert.That((string?)evt!["id"], Is.EqualTo(received[1].Id));
        });
    }
}
