using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Payments.Contracts.ChargeToOrder;
using Payments.Contracts.Shared;
using Payments.Gateway.Data;
using Payments.Simulators.Stripe;

namespace Payments.Gateway.Tests;

[TestFixture]
public class When_Stripe_posts_a_webhook
{
    GatewayHost _gateway = null!;

    [SetUp]
    public async Task Start() => _gateway = await GatewayHost.StartAsync();

    [TearDown]
    public async Task Stop() => await _gateway.DisposeAsync();

    static async Task<(string? Reason, string? ContentType)> ProblemOf(HttpResponseMessage response)
    {
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        return (problem?["reason"]?.GetValue<string>(), response.Content.Headers.ContentType?.MediaType);
    }

    static async Task<string?> OutcomeOf(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonObject>())?["outcome"]?.GetValue<string>();

    [Test]
    public async Task Should_publish_one_StripeChargeSucceeded_with_the_charge_details()
    {
        var charge = new ChargeSpec
        {
            Amount = 12_345,
            Currency = "eur",
            BillingEmail = "buyer@example.com",
            BillingName = "Ada Buyer",
            CustomerId = "cus_Q1",
            Description = "Order 77",
            Metadata = new Dictionary<string, string> { ["items"] = "ABC-1:2,XYZ-9", ["shop_order"] = "77" },
            ShippingName = "Ada Buyer",
            ShippingAddress = new StripeAddress { Line1 = "1 Dock Rd", City = "Leeds", PostalCode = "LS1 1AA", Country = "GB" },
        };
        var evt = StripeEventBuilder.ChargeSucceeded(charge);

        var response = await _gateway.PostAsync(evt.Json, evt.Sign(GatewayHost.Secret));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await OutcomeOf(response), Is.EqualTo("published"));
        var published = (await _gateway.PublishedAsync<StripeChargeSucceeded>()).Single();
        Assert.Multiple(() =>
        {
            Assert.That(published.CorrelationId, Is.EqualTo(CorrelationKey.StripePayment(charge.PaymentIntentId, charge.Id).ToGuid()));
            Assert.That(published.StripeEventId, Is.EqualTo(evt.Id));
            Assert.That(published.Livemode, Is.False);
            Assert.That(published.Payment.ChargeId, Is.EqualTo(charge.Id));
            Assert.That(published.Payment.PaymentIntentId, Is.EqualTo(charge.PaymentIntentId));
            Assert.That(published.Payment.AmountMinor, Is.EqualTo(12_345));
            Assert.That(published.Payment.Currency, Is.EqualTo("EUR"));
            Assert.That(published.Payment.CustomerEmail, Is.EqualTo("buyer@example.com"));
            Assert.That(published.Payment.CustomerName, Is.EqualTo("Ada Buyer"));
            Assert.That(published.Payment.StripeCustomerId, Is.EqualTo("cus_Q1"));
            Assert.That(published.Payment.Description, Is.EqualTo("Order 77"));
            Assert.That(published.Payment.Metadata["shop_order"], Is.EqualTo("77"));
            Assert.That(published.Payment.Lines.Select(l => (l.Sku, l.Quantity)), Is.EqualTo(new[] { ("ABC-1", 2m), ("XYZ-9", 1m) }));
            Assert.That(published.Payment.PaidAt, Is.EqualTo(DateTimeOffset.FromUnixTimeSeconds(charge.Created.ToUnixTimeSeconds())));
            Assert.That(published.Payment.ShippingAddress?.City, Is.EqualTo("Leeds"));
        });
        var recorded = (await _gateway.RecordedEventsAsync()).Single();
        Assert.That((recorded.Source, recorded.EventId, recorded.Outcome, recorded.Flow, recorded.Payload),
            Is.EqualTo((WebhookSources.Stripe, evt.Id, WebhookOutcome.Published, FlowNames.ChargeToOrder, evt.Json)));
    }

    [Test]
    public async Task Should_have_committed_the_record_and_the_event_together_when_it_answers()
    {
        var evt = StripeEventBuilder.ChargeSucceeded();

        var response = await _gateway.PostAsync(evt.Json, evt.Sign(GatewayHost.Secret));

        // Read before anything is delivered by hand: the 200 went out after the one commit that holds both rows.
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var outbox = await _gateway.OutboxMessagesAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(outbox.Select(m => m.MessageType), Has.One.Contains(nameof(StripeChargeSucceeded)));
            Assert.That((await _gateway.RecordedEventsAsync()).Single().EventId, Is.EqualTo(evt.Id));
        });
    }

    [Test]
    public async Task Should_refuse_a_forged_signature_and_publish_nothing()
    {
        var evt = StripeEventBuilder.ChargeSucceeded();

        var response = await _gateway.PostAsync(evt.Json, evt.Sign("whsec_not_ours"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await ProblemOf(response), Is.EqualTo(("signature_invalid", "application/problem+json")));
        Assert.That(await _gateway.OutboxMessagesAsync(), Is.Empty);
        Assert.That(await _gateway.RecordedEventsAsync(), Is.Empty);
    }

    [Test]
    public async Task Should_refuse_a_body_changed_after_signing()
    {
        var evt = StripeEventBuilder.ChargeSucceeded(new ChargeSpec { Amount = 100 });
        var signature = evt.Sign(GatewayHost.Secret);

        var response = await _gateway.PostAsync(evt.Json.Replace("\"amount\":100,", "\"amount\":1,"), signature);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await _gateway.OutboxMessagesAsync(), Is.Empty);
    }

    [Test]
    public async Task Should_refuse_a_request_without_signature()
    {
        var response = await _gateway.PostAsync(StripeEventBuilder.ChargeSucceeded().Json, signature: null);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await ProblemOf(response)).Reason, Is.EqualTo("signature_missing"));
    }

    [TestCase("garbage")]
    [TestCase("t=abc,v1=00")]
    [TestCase("t=,v1=")]
    [TestCase("v1=deadbeef")]
    [TestCase("t=1,t=2,v1=x,=,==")]
    [TestCase("t=99999999999999999999,v1=00")]
    public async Task Should_refuse_a_malformed_signature_header_with_400(string header)
    {
        var response = await _gateway.PostAsync(StripeEventBuilder.ChargeSucceeded().Json, header);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await ProblemOf(response)).Reason, Is.EqualTo("signature_invalid"));
    }

    [Test]
    public async Task Should_refuse_a_signature_older_than_the_tolerance()
    {
        var evt = StripeEventBuilder.ChargeSucceeded();

        var response = await _gateway.PostAsync(evt.Json, evt.Sign(GatewayHost.Secret, DateTimeOffset.UtcNow.AddSeconds(-301)));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await ProblemOf(response)).Reason, Is.EqualTo("signature_expired"));
        Assert.That(await _gateway.OutboxMessagesAsync(), Is.Empty);
    }

    [Test]
    public async Task Should_accept_the_previous_secret_while_it_is_being_rolled()
    {
        var evt = StripeEventBuilder.ChargeSucceeded();

        var response = await _gateway.PostAsync(evt.Json, evt.Sign(GatewayHost.PreviousSecret));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await _gateway.PublishedAsync<StripeChargeSucceeded>(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Should_accept_a_header_carrying_one_signature_per_active_secret()
    {
        var evt = StripeEventBuilder.ChargeSucceeded();
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString();
        var header = $"t={timestamp},v1={Stripe.EventUtility.ComputeSignature("whsec_someone_elses", timestamp, evt.Json)}," +
                     $"v1={Stripe.EventUtility.ComputeSignature(GatewayHost.Secret, timestamp, evt.Json)}";

        var response = await _gateway.PostAsync(evt.Json, header);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Should_acknowledge_a_redelivered_event_without_publishing_it_again()
    {
        var evt = StripeEventBuilder.ChargeSucceeded();

        var first = await _gateway.PostAsync(evt.Json, evt.Sign(GatewayHost.Secret));
        var second = await _gateway.PostAsync(evt.Json, evt.Sign(GatewayHost.Secret));

        Assert.That((first.StatusCode, second.StatusCode), Is.EqualTo((HttpStatusCode.OK, HttpStatusCode.OK)));
        Assert.That(await OutcomeOf(second), Is.EqualTo("duplicate"));
        Assert.That(await _gateway.PublishedAsync<StripeChargeSucceeded>(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Should_publish_once_when_the_same_event_arrives_20_times_at_once()
    {
        var evt = StripeEventBuilder.ChargeSucceeded();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => _gateway.PostAsync(evt.Json, evt.Sign(GatewayHost.Secret))));

        Assert.That(responses.Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.OK));
        var outcomes = await Task.WhenAll(responses.Select(OutcomeOf));
        var published = await _gateway.PublishedAsync<StripeChargeSucceeded>();
        Assert.Multiple(() =>
        {
            Assert.That(outcomes.Count(o => o == "published"), Is.EqualTo(1));
            Assert.That(outcomes.Count(o => o == "duplicate"), Is.EqualTo(19));
            Assert.That(published, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task Should_refuse_and_keep_a_signed_body_that_is_not_JSON()
    {
        const string body = "{\"id\": \"evt_1\", \"type\": \"charge.succeeded\", ";

        var response = await _gateway.PostAsync(body, StripeEventBuilder.Sign(body, GatewayHost.Secret));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await ProblemOf(response)).Reason, Is.EqualTo("malformed_json"));
        var kept = (await _gateway.RejectedAsync()).Single();
        Assert.That((kept.Source, kept.Reason, kept.Payload), Is.EqualTo((WebhookSources.Stripe, "malformed_json", body)));
        Assert.That(await _gateway.OutboxMessagesAsync(), Is.Empty);
    }

    [Test]
    public async Task Should_refuse_and_keep_a_charge_without_amount()
    {
        var evt = StripeEventBuilder.ChargeSucceeded();
        var json = JsonNode.Parse(evt.Json)!;
        json["data"]!["object"]!.AsObject().Remove("amount");
        var body = json.ToJsonString();

        var response = await _gateway.PostAsync(body, StripeEventBuilder.Sign(body, GatewayHost.Secret));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        var kept = (await _gateway.RejectedAsync()).Single();
        Assert.Multiple(() =>
        {
            Assert.That(kept.EventId, Is.EqualTo(evt.Id));
            Assert.That(kept.Reason, Is.EqualTo("invalid_event"));
            Assert.That(kept.Detail, Does.Contain("amount"));
        });
        Assert.That(await _gateway.OutboxMessagesAsync(), Is.Empty);
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task Should_refuse_a_body_over_the_size_limit(bool withContentLength)
    {
        var evt = StripeEventBuilder.ChargeSucceeded(new ChargeSpec { Description = new string('x', 300 * 1024) });
        var bytes = Encoding.UTF8.GetBytes(evt.Json);
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/stripe")
        {
            // Without a length HttpClient sends the body chunked, so the limit has to hold while reading.
            Content = withContentLength ? new ByteArrayContent(bytes) : new StreamContent(new UnknownLengthStream(bytes)),
        };
        request.Headers.TryAddWithoutValidation("Stripe-Signature", evt.Sign(GatewayHost.Secret));

        var response = await _gateway.Client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That(await _gateway.OutboxMessagesAsync(), Is.Empty);
    }

    [Test]
    public async Task Should_acknowledge_and_record_an_event_type_it_does_not_handle_without_publishing()
    {
        var evt = StripeEventBuilder.Create("product.created", StripeFixtures.Resource("product"));

        var response = await _gateway.PostAsync(evt.Json, evt.Sign(GatewayHost.Secret));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await OutcomeOf(response), Is.EqualTo("ignored"));
        Assert.That(await _gateway.OutboxMessagesAsync(), Is.Empty);
        var recorded = (await _gateway.RecordedEventsAsync()).Single();
        Assert.That((recorded.Outcome, recorded.Flow), Is.EqualTo((WebhookOutcome.Ignored, (string?)null)));
        Assert.That(recorded.Reason, Does.Contain("product.created"));
    }

    [Test]
    public async Task Should_refuse_and_keep_an_event_from_another_API_version_train()
    {
        var evt = StripeEventBuilder.ChargeSucceeded(apiVersion: "2026-07-29.dahlia");

        var response = await _gateway.PostAsync(evt.Json, evt.Sign(GatewayHost.Secret));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Multiple(() =>
        {
            Assert.That(problem!["reason"]!.GetValue<string>(), Is.EqualTo("api_version_mismatch"));
            Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("2026-07-29.dahlia").And.Contain(StripeEventBuilder.ApiVersion));
        });
        Assert.That((await _gateway.RejectedAsync()).Single().Reason, Is.EqualTo("api_version_mismatch"));
        Assert.That(await _gateway.OutboxMessagesAsync(), Is.Empty);
    }

    /// <summary>A stream that does not report its length.</summary>
    sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}

[TestFixture]
public class When_the_gateway_accepts_API_version_mismatches
{
    [Test]
    public async Task Should_publish_an_event_from_another_train()
    {
        await using var gateway = await GatewayHost.StartAsync(new Dictionary<string, string?> { ["Gateway:ApiVersionMismatch"] = "Accept" });
        var evt = StripeEventBuilder.ChargeSucceeded(apiVersion: "2026-07-29.dahlia");

        var response = await gateway.PostAsync(evt.Json, evt.Sign(GatewayHost.Secret));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await gateway.PublishedAsync<StripeChargeSucceeded>(), Has.Count.EqualTo(1));
    }
}

[TestFixture]
public class When_the_gateway_starts
{
    [Test]
    public void Should_refuse_to_start_without_a_webhook_secret()
    {
        var refused = Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            GatewayHost.StartAsync(new Dictionary<string, string?> { ["Gateway:WebhookSecrets:0"] = null, ["Gateway:WebhookSecrets:1"] = null }))!;

        Assert.That(refused.Message, Does.Contain("Gateway:WebhookSecrets"));
    }

    [Test]
    public async Task Should_add_its_tables_to_a_database_that_already_holds_other_tables()
    {
        var path = Path.Combine(Path.GetTempPath(), $"payments-gateway-shared-{Guid.NewGuid():N}.db");
        try
        {
            await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path}"))
            {
                await connection.OpenAsync();
                await using var command = connection.CreateCommand();
                command.CommandText = "CREATE TABLE OtherServiceState (Id INTEGER PRIMARY KEY)";
                await command.ExecuteNonQueryAsync();
            }
            await using var gateway = await GatewayHost.StartAsync(new Dictionary<string, string?> { ["ConnectionStrings:Gateway"] = $"Data Source={path}" });
            var evt = StripeEventBuilder.ChargeSucceeded();

            var response = await gateway.PostAsync(evt.Json, evt.Sign(GatewayHost.Secret));

            Assert.That(response.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.OK));
            Assert.That(await gateway.RecordedEventsAsync(), Has.Count.EqualTo(1));
        }
        finally
        {
            SqliteFiles.Delete(path);
        }
    }

    [Test]
    public async Task Should_report_its_database_on_the_health_check()
    {
        await using var gateway = await GatewayHost.StartAsync();

        var report = await gateway.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        Assert.That(report.Entries["gateway-database"].Status, Is.EqualTo(HealthStatus.Healthy));
    }

    [Test]
    public void Should_refuse_a_secret_that_is_not_a_signing_secret()
    {
        var refused = Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            GatewayHost.StartAsync(new Dictionary<string, string?> { ["Gateway:WebhookSecrets:1"] = "sk_test_oops" }))!;

        Assert.That(refused.Message, Does.Contain("Gateway:WebhookSecrets:1 is not a Stripe endpoint signing secret"));
    }
}
