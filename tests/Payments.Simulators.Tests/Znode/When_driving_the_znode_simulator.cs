using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Payments.Simulators.Znode;
using Payments.Simulators.Znode.Webhooks;

namespace Payments.Simulators.Tests.Znode;

/// <summary>The Znode simulator's control API (<c>/_sim</c>): place orders as a shopper, read what the API changed, switch the 429 mode, watch webhooks.</summary>
[TestFixture]
public class When_driving_the_znode_simulator
{
    ZnodeSimulator _znode = null!;
    ControlClient _control = null!;
    ZnodeApiClient _api = null!;

    [SetUp]
    public async Task Start()
    {
        _znode = await ZnodeSimulator.StartAsync();
        _control = new ControlClient(_znode.BaseUrl);
        _api = new ZnodeApiClient(_znode);
    }

    [TearDown]
    public async Task Stop()
    {
        _api.Dispose();
        _control.Dispose();
        await _znode.DisposeAsync();
    }

    [Test]
    public async Task Should_place_an_order_as_a_shopper_and_serve_it_on_the_api()
    {
        var (status, placed) = await _control.PostRawAsync("/_sim/orders", """
            {"email": "kim@example.com", "firstName": "Kim", "lastName": "Ito", "currencyCode": "JPY",
             "lines": [{"sku": "TEA-1", "productName": "Tea", "quantity": 3, "price": 1200}],
             "shippingCost": 500,
             "billingAddress": {"address1": "1-2-3 Ginza", "cityName": "Chuo", "stateName": "13", "postalCode": "104-0061", "countryName": "JP"}}
            """);

        Assert.That(status, Is.EqualTo(HttpStatusCode.Created), placed?.ToJsonString());
        var number = (string)placed!["orderNumber"]!;
        var read = await _api.GetAsync($"/orders/getbyordernumber/{number}");
        var order = read.Body!["Order"]!;
        Assert.Multiple(() =>
        {
            Assert.That((decimal)placed["total"]!, Is.EqualTo(4100m));
            Assert.That((string?)placed["paymentStatus"], Is.EqualTo("Pending"));
            Assert.That((string?)order["Email"], Is.EqualTo("kim@example.com"));
            Assert.That((string?)order["CurrencyCode"], Is.EqualTo("JPY"));
            Assert.That((decimal)order["Total"]!, Is.EqualTo(4100m));
            Assert.That((string?)order["ShippingAddress"]!["CityName"], Is.EqualTo("Chuo"), "ships to the billing address when none is given");
            Assert.That((decimal)order["OrderLineItems"]![0]!["Quantity"]!, Is.EqualTo(3m));
        });
    }

    [Test]
    public async Task Should_place_what_a_lax_store_lets_through_and_refuse_what_no_store_would()
    {
        var (noEmailStatus, noEmail) = await _control.PostRawAsync("/_sim/orders", """{"noEmail": true, "currencyCode": "XYZ", "lines": []}""");
        var (noSku, _) = await _control.PostRawAsync("/_sim/orders", """{"lines": [{"quantity": 1}]}""");
        var (badState, badStateBody) = await _control.PostRawAsync("/_sim/orders", """{"orderState": "PAYMENT FAILED"}""");
        var (typo, _) = await _control.PostRawAsync("/_sim/orders", """{"emial": "x@example.com"}""");

        Assert.Multiple(() =>
        {
            Assert.That(noEmailStatus, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(noEmail!["email"], Is.Null);
            Assert.That((decimal)noEmail["total"]!, Is.Zero);
            Assert.That(noSku, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(badState, Is.EqualTo(HttpStatusCode.BadRequest), "there is no PAYMENT FAILED order state");
            Assert.That((string?)badStateBody!["error"], Does.Contain("SUBMITTED"));
            Assert.That(typo, Is.EqualTo(HttpStatusCode.BadRequest));
        });
    }

    [Test]
    public async Task Should_show_what_the_api_changed_in_order()
    {
        var (_, placed) = await _control.PostAsync("/_sim/orders", new { email = "a@example.com" });
        var id = (int)placed!["omsOrderId"]!;
        var number = (string)placed["orderNumber"]!;
        await _api.GetAsync($"/orders/updateorderpaymentstatus/{id}/DECLINED");
        await _api.PostAsync("/orders/createorderhistory", new { OmsOrderId = id, Message = "Declined: insufficient_funds" });
        await _api.GetAsync($"/orders/updateorderpaymentstatus/{id}/captured");
        await _api.GetAsync($"/orders/updateordertransactionid/{id}/ch_3Xyz");
        await _api.PutAsync("/orders/updateorderstatus", new { OmsOrderId = id, OmsOrderStateId = 40 });

        var (_, view) = await _control.GetAsync($"/_sim/orders/{number}");
        var (_, changes) = await _control.GetAsync("/_sim/changes?since=0");

        var steps = view!["changes"]!.AsArray().Select(c => $"{c!["kind"]}: {c["from"]} -> {c["to"]}").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(steps, Is.EqualTo(new[]
            {
                "Placed:  -> Submitted / Pending",
                "PaymentStatus: Pending -> Declined",
                "History:  -> Declined: insufficient_funds",
                "PaymentStatus: Declined -> Captured",
                "TransactionId:  -> ch_3Xyz",
                "OrderState: Submitted -> Canceled",
            }));
            Assert.That((string?)view["orderState"], Is.EqualTo("Canceled"));
            Assert.That((string?)view["paymentStatus"], Is.EqualTo("Captured"));
            Assert.That((string?)view["transactionId"], Is.EqualTo("ch_3Xyz"));
            Assert.That((string?)view["history"]![0]!["message"], Is.EqualTo("Declined: insufficient_funds"));
            Assert.That(changes!.AsArray().Select(c => (long)c!["sequence"]!), Is.Ordered.Ascending);
            Assert.That(changes.AsArray().Select(c => (string?)c!["by"]), Does.Contain("orders.updateorderpaymentstatus"));
        });
    }

    [Test]
    public async Task Should_switch_the_429_mode_on_and_off_over_http()
    {
        var (started, _) = await _control.PostAsync("/_sim/throttle", new { permitLimit = 1, windowMs = 60_000 });
        var first = await _api.GetAsync("/orders/list");
        var second = await _api.GetAsync("/orders/list");
        var (_, shown) = await _control.GetAsync("/_sim/throttle");
        var (stopped, _) = await _control.DeleteAsync("/_sim/throttle");
        var third = await _api.GetAsync("/orders/list");

        Assert.Multiple(() =>
        {
            Assert.That(started, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(first.Status, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(second.Status, Is.EqualTo(HttpStatusCode.TooManyRequests));
            Assert.That(second.RetryAfter!.Value.TotalSeconds, Is.InRange(1, 60));
            Assert.That((int)shown!["throttled"]!, Is.EqualTo(1));
            Assert.That(stopped, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(third.Status, Is.EqualTo(HttpStatusCode.NoContent));
        });
    }

    [Test]
    public async Task Should_list_the_state_tables_as_data()
    {
        var (_, states) = await _control.GetAsync("/_sim/states");
        var paymentStates = await _api.GetAsync("/orders/getpaymentstatelist");
        var orderStates = await _api.GetAsync("/orderstate/list");

        Assert.Multiple(() =>
        {
            Assert.That(states!["orderStates"]!.AsArray().Select(s => (string)s!["name"]!), Does.Contain("CANCELED").And.Not.Contain("PAYMENT FAILED"));
            Assert.That(paymentStates.Body!["PaymentStateList"]!.AsArray().Select(s => (string)s!["Name"]!), Is.SupersetOf(new[] { "Captured", "Declined", "Pending" }));
            Assert.That(orderStates.Body!["OrderStates"]!.AsArray().Select(s => (int)s!["OrderStateId"]!), Is.SupersetOf(new[] { 10, 20, 40, 200 }));
        });
    }

    [Test]
    public async Task Should_announce_a_placed_order_by_a_signed_webhook_in_Znode_10_mode()
    {
        var received = new List<(string Body, string? Signature, string? Timestamp)>();
        await using var receiver = await StartReceiverAsync(received);
        _znode.Webhooks.Configure(new ZnodeWebhookOptions { Url = receiver.Urls.First() + "/hook", Secret = "s3cret" });

        var order = _znode.PlaceOrder(new() { Email = "hook@example.com" });
        await _znode.Webhooks.WaitAsync();
        var eventId = _znode.Webhooks.Deliveries.Single().EventId;
        var (resent, _) = await _control.PostAsync($"/_sim/webhooks/{eventId}/resend");
        await _znode.Webhooks.WaitAsync();

        Assert.That(received, Has.Count.EqualTo(2));
        var (body, signature, timestamp) = received[0];
        var envelope = JsonNode.Parse(body)!;
        Assert.Multiple(() =>
        {
            Assert.That((string?)envelope["eventName"], Is.EqualTo("Order Created"));
            Assert.That((string?)envelope["data"]!["OrderNumber"], Is.EqualTo(order.OrderNumber));
            Assert.That(signature, Is.EqualTo(ZnodeWebhookSender.Sign("s3cret", long.Parse(timestamp!, System.Globalization.CultureInfo.InvariantCulture), body)));
            Assert.That(resent, Is.EqualTo(HttpStatusCode.Accepted));
            Assert.That(received[1].Body, Is.EqualTo(body), "a redelivery is the same event");
            Assert.That(_znode.Webhooks.Deliveries.Select(d => (d.Attempt, d.StatusCode)), Is.EqualTo(new (int, int?)[] { (1, 200), (2, 200) }));
        });
    }

    static async Task<WebApplication> StartReceiverAsync(List<(string, string?, string?)> received)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapPost("/hook", async (HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            lock (received) received.Add((body, http.Request.Headers["X-Znode-Signature"].FirstOrDefault(), http.Request.Headers["X-Znode-Timestamp"].FirstOrDefault()));
            return Results.Ok();
        });
        await app.StartAsync();
        return app;
    }
}
