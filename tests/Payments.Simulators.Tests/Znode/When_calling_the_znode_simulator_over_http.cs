using System.Net;
using System.Text.Json.Nodes;
using Payments.Simulators.Znode;
using Payments.Simulators.Znode.Store;

namespace Payments.Simulators.Tests.Znode;

/// <summary>The simulated Znode API as a Znode integration sees it: auth, envelope, status-code habits, the list grammar and the order writes.</summary>
[TestFixture]
public class When_calling_the_znode_simulator_over_http
{
    ManualTimeProvider _clock = null!;
    ZnodeSimulator _znode = null!;
    ZnodeApiClient _api = null!;

    [SetUp]
    public async Task Start()
    {
        _clock = ManualTimeProvider.At("2026-03-02T09:00:00Z");
        _znode = await ZnodeSimulator.StartAsync(time: _clock);
        _api = new ZnodeApiClient(_znode);
    }

    [TearDown]
    public async Task Stop()
    {
        _api.Dispose();
        await _znode.DisposeAsync();
    }

    ZnodeOrder Place(string? number = null, string currency = "USD", decimal price = 50m) =>
        _znode.PlaceOrder(new ZnodeOrderSpec { OrderNumber = number, CurrencyCode = currency, Lines = [new() { Sku = "ABC-1", ProductName = "Widget", Quantity = 2, Price = price }], TaxCost = 8.25m, ShippingCost = 5m });

    [Test]
    public async Task Should_answer_an_order_in_the_envelope_in_PascalCase_with_six_decimal_money_and_proper_case_states()
    {
        var order = Place();

        var answer = await _api.GetAsync($"/orders/{order.OmsOrderId}");

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK));
        var body = answer.Body!.AsObject();
        var wire = body["Order"]!;
        Assert.Multiple(() =>
        {
            Assert.That(answer.ContentType, Does.StartWith("application/json"));
            Assert.That(body.Select(p => p.Key), Is.SupersetOf(new[] { "Order", "HasError", "ErrorCode", "ErrorMessage", "CustomModelState", "ErrorDetailList", "CreatedBy", "ModifiedDate", "Custom1" }));
            Assert.That((bool)body["HasError"]!, Is.False);
            Assert.That((string?)wire["OrderNumber"], Is.EqualTo(order.OrderNumber));
            Assert.That(order.OrderNumber, Does.Match(@"^MA-260302-090000-[A-Z]{3}$"), "the store's two letters, date, time, three letters");
            Assert.That((string?)wire["OrderState"], Is.EqualTo("Submitted"));
            Assert.That((string?)wire["PaymentStatus"], Is.EqualTo("Pending"));
            Assert.That(answer.Text, Does.Contain("\"Total\":113.250000"), "NUMERIC(28,6) as Newtonsoft writes it");
            Assert.That(answer.Text, Does.Contain("\"OrderDate\":\"2026-03-02T09:00:00\""), "unzoned dates");
            Assert.That((string?)wire["OrderLineItems"]![0]!["Sku"], Is.EqualTo("ABC-1"));
            Assert.That(wire["BillingAddress"]!.AsObject().ContainsKey("omsOrderId"), Is.True, "camelCase omsOrderId, as Znode spells it");
        });

        var byNumber = await _api.GetAsync($"/orders/getbyordernumber/{order.OrderNumber.ToLowerInvariant()}");
        var v2 = await _api.GetAsync($"/v2/orders/{order.OrderNumber}");
        Assert.That((int?)byNumber.Body!["Order"]!["OmsOrderId"], Is.EqualTo(order.OmsOrderId), "order numbers compare without case");
        Assert.That((int?)v2.Body!["Order"]!["OmsOrderId"], Is.EqualTo(order.OmsOrderId));
    }

    [Test]
    public async Task Should_answer_204_with_an_empty_body_for_a_missing_order_and_an_empty_list()
    {
        var missing = await _api.GetAsync("/orders/424242");
        var missingNumber = await _api.GetAsync("/orders/getbyordernumber/NO-SUCH");
        var emptyList = await _api.GetAsync("/orders/list");

        Assert.Multiple(() =>
        {
            Assert.That(missing.Status, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(missing.Text, Is.Empty);
            Assert.That(missingNumber.Status, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(emptyList.Status, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(emptyList.Text, Is.Empty);
        });
    }

    [Test]
    public async Task Should_refuse_a_wrong_key_or_no_key_with_401_and_an_unknown_domain_with_404_8001()
    {
        _api.Authorization = ZnodeApiClient.Basic(_znode.Options.DomainName, _znode.Options.ApiKey.ToUpperInvariant());
        var wrongCase = await _api.GetAsync("/orders/list");
        _api.Authorization = null;
        var none = await _api.GetAsync("/orders/list");
        _api.Authorization = "basic " + _znode.AuthorizationHeader[6..];
        var lowerScheme = await _api.GetAsync("/orders/list");
        _api.Domain = "other.example";
        var unknownDomain = await _api.GetAsync("/orders/list");

        Assert.Multiple(() =>
        {
            Assert.That(wrongCase.Status, Is.EqualTo(HttpStatusCode.Unauthorized), "the key is compared case-sensitively");
            Assert.That(wrongCase.Text, Is.Empty);
            Assert.That(none.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(lowerScheme.Status, Is.EqualTo(HttpStatusCode.NoContent), "Znode cuts six characters, whatever the scheme's case");
            Assert.That(unknownDomain.Status, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That((int?)unknownDomain.Body!["ErrorCode"], Is.EqualTo(8001));
            Assert.That((bool?)unknownDomain.Body!["HasError"], Is.True);
        });
    }

    [Test]
    public async Task Should_list_orders_modified_after_a_date_sorted_and_paged()
    {
        var first = Place();
        _clock.Advance(TimeSpan.FromMinutes(1));
        var second = Place();
        _clock.Advance(TimeSpan.FromMinutes(1));
        var third = Place();

        var after = await _api.GetAsync("/orders/list?filter=OrderModifiedDate~gt~2026-03-02T09:00:00.000&sort=OrderModifiedDate~asc&page=index~1,size~50");
        var from = await _api.GetAsync("/orders/list?filter=OrderModifiedDate~ge~2026-03-02 09:01:00&sort=OrderModifiedDate~desc");
        var page2 = await _api.GetAsync("/orders/list?page=index~2,size~2");
        var byNumbers = await _api.GetAsync($"/orders/list?filter=OrderNumber~in~{first.OrderNumber}^{third.OrderNumber}");
        var byState = await _api.GetAsync("/orders/list?filter=OrderState~eq~submitted,Total~ge~113.25");

        static string[] Numbers(ZnodeApiClient.Answer answer) => [.. answer.Body!["OrderList"]!["Orders"]!.AsArray().Select(o => (string)o!["OrderNumber"]!)];
        Assert.Multiple(() =>
        {
            Assert.That(Numbers(after), Is.EqualTo(new[] { second.OrderNumber, third.OrderNumber }));
            Assert.That((int?)after.Body!["TotalResults"], Is.EqualTo(2));
            Assert.That(Numbers(from), Is.EqualTo(new[] { third.OrderNumber, second.OrderNumber }));
            Assert.That(Numbers(page2), Is.EqualTo(new[] { first.OrderNumber }), "default order OmsOrderId descending; 1-based pages");
            Assert.That((int?)page2.Body!["TotalPages"], Is.EqualTo(2));
            Assert.That((int?)page2.Body!["TotalResults"], Is.EqualTo(3));
            Assert.That(Numbers(byNumbers), Is.EquivalentTo(new[] { first.OrderNumber, third.OrderNumber }));
            Assert.That(Numbers(byState), Has.Length.EqualTo(3));
            Assert.That(after.Body!["OrderList"]!["Orders"]![0]!["OrderLineItems"], Is.Null, "list rows carry no lines: read the order for them");
        });
    }

    [Test]
    public async Task Should_answer_a_bad_filter_as_Znode_answers_a_SQL_error()
    {
        Place();
        var unknownColumn = await _api.GetAsync("/orders/list?filter=Colour~eq~red");
        var badDate = await _api.GetAsync("/orders/list?filter=OrderModifiedDate~gt~yesterday");

        Assert.Multiple(() =>
        {
            Assert.That(unknownColumn.Status, Is.EqualTo(HttpStatusCode.InternalServerError));
            Assert.That((bool?)unknownColumn.Body!["HasError"], Is.True);
            Assert.That(unknownColumn.Body!["ErrorCode"], Is.Null, "an unexpected exception carries no error code");
            Assert.That((string?)unknownColumn.Body!["ErrorMessage"], Does.Contain("Colour"));
            Assert.That(badDate.Status, Is.EqualTo(HttpStatusCode.InternalServerError));
        });
    }

    [Test]
    public async Task Should_set_payment_status_by_name_and_answer_business_errors_with_their_codes()
    {
        var order = Place();

        var captured = await _api.GetAsync($"/orders/updateorderpaymentstatus/{order.OmsOrderId}/CAPTURED");
        var unknownName = await _api.GetAsync($"/orders/updateorderpaymentstatus/{order.OmsOrderId}/PAYMENT%20FAILED");
        var idZero = await _api.GetAsync("/orders/updateorderpaymentstatus/0/CAPTURED");
        var missingOrder = await _api.GetAsync("/orders/updateorderpaymentstatus/999999/CAPTURED");

        Assert.Multiple(() =>
        {
            Assert.That(captured.Status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((bool?)captured.Body!["IsSuccess"], Is.True);
            Assert.That(_znode.Store.PaymentName(_znode.Store.FindOrder(order.OmsOrderId)!.OmsPaymentStateId), Is.EqualTo("Captured"));
            Assert.That(unknownName.Status, Is.EqualTo(HttpStatusCode.InternalServerError));
            Assert.That((int?)unknownName.Body!["ErrorCode"], Is.EqualTo(5));
            Assert.That(idZero.Status, Is.EqualTo(HttpStatusCode.InternalServerError));
            Assert.That((int?)idZero.Body!["ErrorCode"], Is.EqualTo(8));
            Assert.That(missingOrder.Status, Is.EqualTo(HttpStatusCode.OK), "an update of a missing row is a 200");
            Assert.That((bool?)missingOrder.Body!["IsSuccess"], Is.False);
        });
    }

    [Test]
    public async Task Should_record_transaction_id_order_state_and_history_and_show_the_history_when_expanded()
    {
        var order = Place();

        var transaction = await _api.GetAsync($"/orders/updateordertransactionid/{order.OmsOrderId}/pi_3Abc");
        var state = await _api.PutAsync("/orders/updateorderstatus", new { OmsOrderId = order.OmsOrderId, OmsOrderStateId = 60 });
        var missingState = await _api.PutAsync("/orders/updateorderstatus", new { OmsOrderId = 777777, OmsOrderStateId = 60 });
        var history = await _api.PostAsync("/orders/createorderhistory", new { OmsOrderDetailsId = order.OmsOrderDetailsId, Message = "Paid by Stripe", TransactionId = "pi_3Abc", OrderAmount = 113.25m });
        var orphan = await _api.PostAsync("/orders/createorderhistory", new { OmsOrderDetailsId = 1, Message = "nowhere" });
        var plain = await _api.GetAsync($"/orders/{order.OmsOrderId}");
        var expanded = await _api.GetAsync($"/orders/{order.OmsOrderId}?expand=znodeomshistories");

        Assert.Multiple(() =>
        {
            Assert.That((bool?)transaction.Body!["IsSuccess"], Is.True);
            Assert.That((bool?)state.Body!["IsSuccess"], Is.True);
            Assert.That((bool?)missingState.Body!["IsSuccess"], Is.False);
            Assert.That(history.Status, Is.EqualTo(HttpStatusCode.Created));
            Assert.That((string?)history.Body!["OrderHistory"]!["Message"], Is.EqualTo("Paid by Stripe"));
            Assert.That(orphan.Status, Is.EqualTo(HttpStatusCode.InternalServerError));
            Assert.That((string?)plain.Body!["Order"]!["TransactionId"], Is.EqualTo("pi_3Abc"));
            Assert.That((string?)plain.Body!["Order"]!["OrderState"], Is.EqualTo("Approved"));
            Assert.That(plain.Body!["Order"]!["OrderHistoryList"]!["OrderHistoryList"]!.AsArray(), Is.Empty, "history only with expand=znodeomshistories");
            Assert.That((string?)expanded.Body!["Order"]!["OrderHistoryList"]!["OrderHistoryList"]![0]!["Message"], Is.EqualTo("Paid by Stripe"));
            Assert.That(_znode.Store.ChangesOf(order.OrderNumber).Select(c => c.Kind), Is.EqualTo(new[]
            {
                ZnodeChangeKinds.Placed, ZnodeChangeKinds.TransactionId, ZnodeChangeKinds.OrderState, ZnodeChangeKinds.History,
            }));
        });
    }

    [Test]
    public async Task Should_throttle_with_429_and_Retry_After_in_its_429_mode_only()
    {
        Place();
        _znode.Throttle.Start(permitLimit: 2, window: TimeSpan.FromSeconds(10));

        var answers = new List<ZnodeApiClient.Answer>();
        for (var i = 0; i < 3; i++) answers.Add(await _api.GetAsync("/orders/list"));
        _clock.Advance(TimeSpan.FromSeconds(10));
        var nextWindow = await _api.GetAsync("/orders/list");
        _znode.Throttle.Stop();
        var off = new List<ZnodeApiClient.Answer>();
        for (var i = 0; i < 5; i++) off.Add(await _api.GetAsync("/orders/list"));

        Assert.Multiple(() =>
        {
            Assert.That(answers.Select(a => a.Status), Is.EqualTo(new[] { HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests }));
            Assert.That(answers[2].RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(10)));
            Assert.That(nextWindow.Status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(off.Select(a => a.Status), Is.All.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task Should_drop_default_values_when_asked_for_minified_json()
    {
        var order = Place();
        _api.Headers["Minified-Json-Response"] = "True";

        var answer = await _api.GetAsync($"/orders/{order.OmsOrderId}");

        var body = answer.Body!.AsObject();
        Assert.Multiple(() =>
        {
            Assert.That(body.ContainsKey("HasError"), Is.False);
            Assert.That(body.ContainsKey("ErrorCode"), Is.False);
            Assert.That(body["Order"]!.AsObject().ContainsKey("TrackingNumber"), Is.False);
            Assert.That((string?)body["Order"]!["OrderNumber"], Is.EqualTo(order.OrderNumber));
        });
    }

    [Test]
    public async Task Should_ask_for_Znode_UserId_on_writes_only_when_configured()
    {
        await using var strict = await ZnodeSimulator.StartAsync(new ZnodeSimulatorOptions { RequireUserIdOnWrites = true });
        using var api = new ZnodeApiClient(strict);
        var order = strict.PlaceOrder(new ZnodeOrderSpec());

        var read = await api.GetAsync($"/orders/{order.OmsOrderId}");
        var writeWithout = await api.GetAsync($"/orders/updateorderpaymentstatus/{order.OmsOrderId}/CAPTURED");
        api.Headers["Znode-UserId"] = "2";
        var writeWith = await api.GetAsync($"/orders/updateorderpaymentstatus/{order.OmsOrderId}/CAPTURED");

        Assert.Multiple(() =>
        {
            Assert.That(read.Status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(writeWithout.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That((int?)writeWithout.Body!["ErrorCode"], Is.EqualTo(32));
            Assert.That((bool?)writeWith.Body!["IsSuccess"], Is.True);
        });
    }

    [Test]
    public async Task Should_answer_an_injected_business_error_in_Znodes_envelope()
    {
        var order = Place();
        _znode.FailNextWithBusinessError("orders.updateordertransactionid", 16, "Processing failed");

        var failed = await _api.GetAsync($"/orders/updateordertransactionid/{order.OmsOrderId}/ch_1");
        var next = await _api.GetAsync($"/orders/updateordertransactionid/{order.OmsOrderId}/ch_1");

        Assert.Multiple(() =>
        {
            Assert.That(failed.Status, Is.EqualTo(HttpStatusCode.InternalServerError));
            Assert.That((int?)failed.Body!["ErrorCode"], Is.EqualTo(16));
            Assert.That((bool?)next.Body!["IsSuccess"], Is.True);
        });
    }
}
