using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Payments.Simulators.P21;
using Payments.Simulators.P21.Faults;
using Payments.Simulators.P21.Store;
using Payments.Simulators.P21.Transactions;

namespace Payments.Simulators.Tests.P21;

/// <summary>The Transaction API's <c>RMA</c> service, order holds through <c>Order</c> updates, and what OData and <c>/_sim</c> show of them.</summary>
[TestFixture]
public class When_p21_takes_returns_and_holds
{
    // The Transaction API binds PascalCase names only.
    static readonly System.Text.Json.JsonSerializerOptions PascalCase = new();

    P21Simulator _p21 = null!;
    HttpClient _http = null!;
    ControlClient _control = null!;

    [SetUp]
    public async Task Start()
    {
        _p21 = await P21Simulator.StartAsync();
        _http = new HttpClient { BaseAddress = new Uri(_p21.BaseUrl) };
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var token = await _http.PostAsJsonAsync("/api/security/token/v2", new { username = _p21.Options.Username, password = _p21.Options.Password });
        var body = JsonNode.Parse(await token.Content.ReadAsStringAsync())!;
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (string)body["AccessToken"]!);
        _control = new ControlClient(_p21.BaseUrl);
    }

    [TearDown]
    public async Task Stop()
    {
        _control.Dispose();
        _http.Dispose();
        await _p21.DisposeAsync();
    }

    static object Set(string service, params object[] elements) => new
    {
        Name = service, UseCodeValues = false, IgnoreDisabled = true,
        Transactions = new[] { new { Status = "New", DataElements = elements } },
    };

    static object Form(string name, params (string Name, string Value)[] edits) => new
    {
        Name = name, Type = "Form", Keys = Array.Empty<string>(),
        Rows = new[] { new { Edits = edits.Select(e => new { e.Name, e.Value }).ToArray(), RelativeDateEdits = Array.Empty<object>() } },
    };

    static object List(string name, string[] keys, params (string Name, string Value)[][] rows) => new
    {
        Name = name, Type = "List", Keys = keys,
        Rows = rows.Select(r => new { Edits = r.Select(e => new { e.Name, e.Value }).ToArray(), RelativeDateEdits = Array.Empty<object>() }).ToArray(),
    };

    static object Rma(string poNo, params (string Item, string Quantity, string? Price)[] lines) => Set("RMA",
        Form(TransactionProcessor.OrderHeader, ("company_id", "ACME"), ("customer_id", "100198"), ("sales_loc_id", "10"), ("ship_to_id", "100198"),
            ("po_no", poNo), ("taker", "STRIPE"), ("approved", "OFF")),
        List(TransactionProcessor.OrderItems, ["oe_order_item_id", "max_line_no"], lines.Select((l, i) =>
        {
            var edits = new List<(string, string)> { ("oe_order_item_id", l.Item), ("unit_quantity", l.Quantity), ("max_line_no", (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)) };
            if (l.Price is { } price) edits.Add(("unit_price", price));
            return edits.ToArray();
        }).ToArray()),
        Form(TransactionProcessor.RmaReason, ("lost_sales_id", "REFUND")));

    async Task<JsonNode> PostAsync(object set)
    {
        using var response = await _http.PostAsJsonAsync(P21Simulator.UiServerPath + "/api/v2/transaction", set, PascalCase);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    static string? ResultOrderNo(JsonNode response) =>
        response["Results"]?["Transactions"]?[0]?["DataElements"]?.AsArray().Single(e => (string?)e!["Name"] == TransactionProcessor.OrderHeader)!["Rows"]![0]!["Edits"]!
            .AsArray().Where(e => (string?)e!["Name"] == "order_no").Select(e => (string?)e!["Value"]).LastOrDefault();

    async Task<JsonArray> ODataAsync(string query)
    {
        var text = await _http.GetStringAsync("/odataservice/odata/table/" + query);
        return JsonNode.Parse(text)!["value"]!.AsArray();
    }

    [Test]
    public async Task Should_create_an_rma_readable_through_odata_with_the_number_in_the_order_no_edit()
    {
        var response = await PostAsync(Rma("re_full", ("WIDGET-001", "2", null), (P21Seed.RefundItemId, "1", "7.50")));

        var rmaNo = ResultOrderNo(response);
        var header = await ODataAsync($"oe_hdr?$filter=order_no eq '{rmaNo}'&$select=order_no,rma_flag,po_no,approved,customer_id");
        var lines = await ODataAsync($"oe_line?$filter=order_no eq '{rmaNo}'&$select=inv_mast_uid,unit_quantity,unit_price");
        Assert.Multiple(() =>
        {
            Assert.That((int?)response["Summary"]!["Succeeded"], Is.EqualTo(1));
            Assert.That(rmaNo, Is.Not.Null.And.Length.EqualTo(7));
            Assert.That(((string?)header.Single()!["rma_flag"], (string?)header[0]!["po_no"], (string?)header[0]!["approved"]), Is.EqualTo(("Y", "re_full", "N")));
            Assert.That(lines.Select(l => ((int)l!["inv_mast_uid"]!, (decimal)l["unit_quantity"]!, (decimal)l["unit_price"]!)),
                Is.EqualTo(new[] { (15, 2m, 12.50m), (20, 1m, 7.50m) }), "the list price without a price edit, the price sent with one");
            Assert.That(_p21.Store.FindOrder(rmaNo!)!.LostSalesId, Is.EqualTo("REFUND"));
        });
    }

    [Test]
    public async Task Should_collapse_rma_rows_with_equal_keys_and_refuse_a_row_without_its_key()
    {
        var collapsed = Set("RMA", Form(TransactionProcessor.OrderHeader, ("customer_id", "100198"), ("po_no", "re_keys")),
            List(TransactionProcessor.OrderItems, ["oe_order_item_id", "max_line_no"],
                [("oe_order_item_id", "WIDGET-001"), ("unit_quantity", "1"), ("max_line_no", "1")],
                [("oe_order_item_id", "WIDGET-001"), ("unit_quantity", "3"), ("max_line_no", "1")]));
        var keyless = Set("RMA", Form(TransactionProcessor.OrderHeader, ("customer_id", "100198")),
            List(TransactionProcessor.OrderItems, ["oe_order_item_id", "max_line_no"], [("oe_order_item_id", "WIDGET-001"), ("unit_quantity", "1")]));

        var rmaNo = ResultOrderNo(await PostAsync(collapsed));
        var refused = await PostAsync(keyless);

        Assert.Multiple(() =>
        {
            Assert.That(_p21.Store.FindOrder(rmaNo!)!.Lines.Select(l => l.UnitQuantity), Is.EqualTo(new[] { 3m }));
            Assert.That((string?)refused["Messages"]![0], Is.EqualTo("Transaction 1:: General Exception: Sequence contains no matching element"));
        });
    }

    [Test]
    public async Task Should_refuse_to_load_an_rma_through_the_order_service()
    {
        var rmaNo = ResultOrderNo(await PostAsync(Rma("re_order", ("WIDGET-001", "1", null))));

        var update = await PostAsync(Set("Order", Form(TransactionProcessor.OrderHeader, ("order_no", rmaNo!), ("approved", "OFF"))));
        using var get = await _http.PostAsJsonAsync(P21Simulator.UiServerPath + "/api/v2/transaction/get", new
        {
            ServiceName = "Order", TransactionStates = new[] { new { DataElementName = TransactionProcessor.OrderHeader, Keys = new[] { new { Name = "order_no", Value = rmaNo } } } },
        }, PascalCase);
        using var getRma = await _http.PostAsJsonAsync(P21Simulator.UiServerPath + "/api/v2/transaction/get", new
        {
            ServiceName = "RMA", TransactionStates = new[] { new { DataElementName = TransactionProcessor.OrderHeader, Keys = new[] { new { Name = "order_no", Value = rmaNo } } } },
        }, PascalCase);

        Assert.Multiple(async () =>
        {
            Assert.That((string?)update["Messages"]![0], Is.EqualTo("Transaction 1:: " + TransactionProcessor.RmaThroughOrder));
            Assert.That(get.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
            Assert.That(await get.Content.ReadAsStringAsync(), Does.Contain(TransactionProcessor.RmaThroughOrder));
            Assert.That(getRma.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task Should_cancel_an_rma_through_an_rma_update_keyed_by_order_no()
    {
        var rmaNo = ResultOrderNo(await PostAsync(Rma("re_cancel", ("WIDGET-001", "1", null))));

        var cancelled = await PostAsync(Set("RMA", Form(TransactionProcessor.OrderHeader, ("order_no", rmaNo!), ("cancel_flag", "ON"))));
        var onOrder = await PostAsync(Set("RMA", Form(TransactionProcessor.OrderHeader, ("order_no", "1013939"), ("cancel_flag", "ON"))));
        var disabled = await PostAsync(Set("RMA", Form(TransactionProcessor.OrderHeader, ("order_no", rmaNo!), ("customer_id", "100210"))));

        var header = await ODataAsync($"oe_hdr?$filter=order_no eq '{rmaNo}'&$select=cancel_flag");
        Assert.Multiple(() =>
        {
            Assert.That((int?)cancelled["Summary"]!["Succeeded"], Is.EqualTo(1));
            Assert.That((string?)header.Single()!["cancel_flag"], Is.EqualTo("Y"));
            Assert.That((string?)onOrder["Messages"]![0], Does.Contain("is not an RMA"));
            Assert.That((string?)disabled["Messages"]![0], Is.EqualTo("Transaction 1:: Column is disabled: customer_id"));
        });
    }

    [Test]
    public async Task Should_hold_and_release_an_order_through_approved_and_show_it_under_holds()
    {
        var orderNo = _p21.Store.Orders.First(o => o.RmaFlag == "N").OrderNo;

        var held = await PostAsync(Set("Order", Form(TransactionProcessor.OrderHeader, ("order_no", orderNo), ("approved", "OFF"))));
        var whileHeld = await ODataAsync($"oe_hdr?$filter=order_no eq '{orderNo}'&$select=approved");
        var (_, holds) = await _control.GetAsync("/_sim/holds");
        await PostAsync(Set("Order", Form(TransactionProcessor.OrderHeader, ("order_no", orderNo), ("approved", "ON"))));
        var released = await ODataAsync($"oe_hdr?$filter=order_no eq '{orderNo}'&$select=approved");
        var refused = await PostAsync(Set("Order", Form(TransactionProcessor.OrderHeader, ("order_no", orderNo), ("customer_id", "100210"))));

        Assert.Multiple(() =>
        {
            Assert.That((int?)held["Summary"]!["Succeeded"], Is.EqualTo(1));
            Assert.That((string?)whileHeld.Single()!["approved"], Is.EqualTo("N"));
            Assert.That(holds!.AsArray().Select(h => (string?)h!["orderNo"]), Is.EqualTo(new[] { orderNo }));
            Assert.That((string?)released.Single()!["approved"], Is.EqualTo("Y"));
            Assert.That((string?)refused["Messages"]![0], Is.EqualTo("Transaction 1:: Column is disabled: customer_id"));
        });
    }

    [Test]
    public async Task Should_hold_an_order_with_a_hold_class()
    {
        var orderNo = _p21.Store.Orders.First(o => o.RmaFlag == "N").OrderNo;

        await PostAsync(Set("Order", Form(TransactionProcessor.OrderHeader, ("order_no", orderNo), ("order_hold_class_id", "DISPUTE"))));
        var held = await ODataAsync($"oe_hdr?$filter=order_no eq '{orderNo}'&$select=order_hold_class_id,approved");
        await PostAsync(Set("Order", Form(TransactionProcessor.OrderHeader, ("order_no", orderNo), ("order_hold_class_id", ""))));

        Assert.Multiple(() =>
        {
            Assert.That(((string?)held.Single()!["order_hold_class_id"], (string?)held[0]!["approved"]), Is.EqualTo(("DISPUTE", "Y")));
            Assert.That(_p21.Store.Holds, Is.Empty);
        });
    }

    [Test]
    public async Task Should_list_rmas_with_their_lines_under_sim_and_apply_injected_faults()
    {
        _p21.Faults.Inject(P21Route.Transaction, P21Fault.RecordLocked(), times: 1);

        var locked = await PostAsync(Rma("re_locked", ("WIDGET-001", "1", null)));
        var rmaNo = ResultOrderNo(await PostAsync(Rma("re_locked", ("WIDGET-001", "1", null))));
        var (status, rmas) = await _control.GetAsync("/_sim/rmas");
        var (one, rma) = await _control.GetAsync($"/_sim/rmas/{rmaNo}");
        var (notRma, _) = await _control.GetAsync("/_sim/rmas/1013939");

        Assert.Multiple(() =>
        {
            Assert.That((int?)locked["Summary"]!["Failed"], Is.EqualTo(1));
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(rmas!.AsArray().Select(r => (string?)r!["orderNo"]), Is.EqualTo(new[] { rmaNo }), "the locked attempt left nothing");
            Assert.That(one, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((string?)rma!["lines"]![0]!["itemId"], Is.EqualTo("WIDGET-001"));
            Assert.That(notRma, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }
}
