using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Payments.Simulators.P21;
using Payments.Simulators.P21.Faults;
using Payments.Simulators.P21.Store;

namespace Payments.Simulators.Tests.P21;

/// <summary>The P21 simulator's control API (<c>/_sim</c>) and its faults, seen by plain HTTP as a sandbox user would drive it.</summary>
[TestFixture]
public class When_driving_the_p21_simulator
{
    static readonly JsonSerializerOptions PascalCase = new();

    P21Simulator _simulator = null!;
    ControlClient _control = null!;
    HttpClient _api = null!;

    [SetUp]
    public async Task Start()
    {
        _simulator = await P21Simulator.StartAsync();
        _control = new ControlClient(_simulator.BaseUrl);
        _api = new HttpClient { BaseAddress = new Uri(_simulator.BaseUrl) };
        _api.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var token = await _api.PostAsJsonAsync("/api/security/token/v2", new { username = "api_user", password = "api_password" });
        _api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (string?)JsonNode.Parse(await token.Content.ReadAsStringAsync())!["AccessToken"]);
    }

    [TearDown]
    public async Task Stop()
    {
        _api.Dispose();
        _control.Dispose();
        await _simulator.DisposeAsync();
    }

    static object OrderFor(long customerId, string itemId) => new
    {
        Name = "Order",
        Transactions = new[]
        {
            new
            {
                Status = "New",
                DataElements = new object[]
                {
                    new { Name = "TABPAGE_1.order", Type = "Form", Keys = Array.Empty<string>(), Rows = new[] { new { Edits = new[]
                    {
                        new { Name = "customer_id", Value = customerId.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                        new { Name = "sales_loc_id", Value = "10" }, new { Name = "source_loc_id", Value = "10" }, new { Name = "ship_to_id", Value = customerId.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                        new { Name = "taker", Value = "WEB" }, new { Name = "web_reference_no", Value = "ch_control_test" },
                    } } } },
                    new { Name = "TP_ITEMS.items", Type = "List", Keys = Array.Empty<string>(), Rows = new[] { new { Edits = new[]
                    {
                        new { Name = "oe_order_item_id", Value = itemId }, new { Name = "unit_quantity", Value = "2" },
                    } } } },
                },
            },
        },
    };

    async Task<JsonNode> PostOrderAsync(long customerId, string itemId)
    {
        using var response = await _api.PostAsJsonAsync("/uiserver0/api/v2/transaction", OrderFor(customerId, itemId), PascalCase);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    [Test]
    public async Task Should_list_the_orders_with_their_lines_and_find_them_by_reference()
    {
        var (status, orders) = await _control.GetAsync("/_sim/orders");
        var (_, byReference) = await _control.GetAsync("/_sim/orders?webReferenceNo=WEB-123");
        var orderNo = (string?)orders!.AsArray().Single()!["orderNo"];
        var (_, one) = await _control.GetAsync($"/_sim/orders/{orderNo}");
        var (missing, _) = await _control.GetAsync("/_sim/orders/9999999");

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((string?)byReference!.AsArray().Single()!["orderNo"], Is.EqualTo(orderNo));
            Assert.That((string?)one!["lines"]![0]!["itemId"], Is.EqualTo("WIDGET-001"));
            Assert.That((decimal?)one["lines"]![0]!["unitQuantity"], Is.EqualTo(5m));
            Assert.That(missing, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }

    [Test]
    public async Task Should_seed_a_customer_and_an_item_that_the_api_then_serves_and_orders()
    {
        var (customerStatus, customer) = await _control.PostAsync("/_sim/customers", new { customerName = "Seeded Supply", emailAddress = "ap@seeded.example" });
        var (itemStatus, item) = await _control.PostAsync("/_sim/items", new { itemId = "SEED-1", itemDesc = "Seeded item", price1 = 3.5m });
        var customerId = (long)customer!["customerId"]!;
        using var odata = await _api.GetAsync($"/odataservice/odata/table/customer?$filter=customer_id eq {customerId}");
        var posted = await PostOrderAsync(customerId, "SEED-1");

        Assert.Multiple(async () =>
        {
            Assert.That(customerStatus, Is.EqualTo(HttpStatusCode.Created));
            Assert.That((string?)customer["companyId"], Is.EqualTo(_simulator.Options.CompanyId));
            Assert.That(itemStatus, Is.EqualTo(HttpStatusCode.Created));
            Assert.That((int?)item!["invMastUid"], Is.GreaterThan(0));
            Assert.That((string?)JsonNode.Parse(await odata.Content.ReadAsStringAsync())!["value"]![0]!["customer_name"], Is.EqualTo("Seeded Supply"));
            Assert.That((int?)posted["Summary"]!["Succeeded"], Is.EqualTo(1), posted.ToJsonString());
            Assert.That(_simulator.Store.FindOrdersByReference("ch_control_test").Single().Lines.Single().UnitPrice, Is.EqualTo(3.5m));
        });
    }

    [Test]
    public async Task Should_refuse_a_duplicate_or_incomplete_seed_clearly()
    {
        var (duplicate, duplicateBody) = await _control.PostAsync("/_sim/items", new { itemId = "widget-001", price1 = 1 });
        var (nameless, namelessBody) = await _control.PostAsync("/_sim/customers", new { emailAddress = "x@example.com" });
        var (orphan, _) = await _control.PostAsync("/_sim/contacts", new { id = "900", addressId = 1 });

        Assert.Multiple(() =>
        {
            Assert.That(duplicate, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That((string?)duplicateBody!["error"], Does.Contain("already exists"));
            Assert.That(nameless, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That((string?)namelessBody!["error"], Does.Contain("customerName"));
            Assert.That(orphan, Is.EqualTo(HttpStatusCode.BadRequest));
        });
    }

    [Test]
    public async Task Should_expire_every_token_over_the_control_api()
    {
        using var before = await _api.GetAsync("/api/ui/router/v1/?urlType=external");
        var (_, tokens) = await _control.GetAsync("/_sim/tokens");
        var (_, expired) = await _control.PostAsync("/_sim/tokens/expire");
        using var after = await _api.GetAsync("/api/ui/router/v1/?urlType=external");

        Assert.Multiple(async () =>
        {
            Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((int?)tokens!["live"], Is.EqualTo(1));
            Assert.That((int?)expired!["expired"], Is.EqualTo(1));
            Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(await after.Content.ReadAsStringAsync(), Is.EqualTo("Authorization has been denied for this request."));
        });
    }

    [Test]
    public async Task Should_refuse_an_order_with_a_business_rule_failure_injected_as_json()
    {
        await _control.PostAsync("/_sim/faults", new { route = "Transaction", effect = "BusinessRuleFailure", message = "Customer is on credit hold" });

        var refused = await PostOrderAsync(P21Seed.AcmeCustomerId, "WIDGET-001");
        var accepted = await PostOrderAsync(P21Seed.AcmeCustomerId, "WIDGET-001");

        Assert.Multiple(() =>
        {
            Assert.That((int?)refused["Summary"]!["Failed"], Is.EqualTo(1));
            Assert.That((string?)refused["Messages"]![0], Is.EqualTo("Transaction 1:: Customer is on credit hold"));
            Assert.That((int?)accepted["Summary"]!["Succeeded"], Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Should_fail_an_order_on_a_contaminated_session_or_a_record_lock_and_save_it_when_the_dialog_comes_after_the_save()
    {
        var ordersBefore = _simulator.Store.Orders.Count;
        await _control.PostAsync("/_sim/faults", new { route = "Transaction", effect = "UnexpectedResponseWindow" });
        var contaminated = await PostOrderAsync(P21Seed.AcmeCustomerId, "WIDGET-001");
        _simulator.Faults.Inject(P21Route.Transaction, P21Fault.RecordLocked());
        var locked = await PostOrderAsync(P21Seed.AcmeCustomerId, "WIDGET-001");
        var ordersAfterRefusals = _simulator.Store.Orders.Count;
        _simulator.Faults.Inject(P21Route.Transaction, P21Fault.UnexpectedResponseWindow(afterSave: true));
        var afterSave = await PostOrderAsync(P21Seed.AcmeCustomerId, "WIDGET-001");

        Assert.Multiple(() =>
        {
            Assert.That((int?)contaminated["Summary"]!["Failed"], Is.EqualTo(1));
            Assert.That((string?)contaminated["Messages"]![0], Does.StartWith("Transaction 1:: ").And.Contain("P21.UI.Common.UiServerException: Unexpected response window: "));
            Assert.That((string?)locked["Messages"]![0], Is.EqualTo("Transaction 1:: Record is locked by another user."));
            Assert.That(ordersAfterRefusals, Is.EqualTo(ordersBefore), "nothing saved");
            Assert.That((int?)afterSave["Summary"]!["Failed"], Is.EqualTo(1));
            Assert.That(_simulator.Store.Orders.Count, Is.EqualTo(ordersBefore + 1), "saved before the dialog came up");
        });
    }

    [Test]
    public async Task Should_answer_a_window_the_user_may_not_open_with_500()
    {
        _simulator.Faults.Inject(P21Route.Transaction, P21Fault.WindowNotAvailable("Order"));
        using var response = await _api.PostAsJsonAsync("/uiserver0/api/v2/transaction", OrderFor(P21Seed.AcmeCustomerId, "WIDGET-001"), PascalCase);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync());
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
            Assert.That((string?)body!["ErrorMessage"], Is.EqualTo("Window <<Order>> is not available or user does not have permission to open it"));
        });
    }

    [Test]
    public async Task Should_answer_injected_server_errors_with_p21s_envelope_and_429_with_retry_after()
    {
        _simulator.Faults.Inject(P21Route.OData, P21Fault.ServerError("SQL timeout"));
        _simulator.Faults.Inject(P21Route.OData, P21Fault.TooManyRequests(TimeSpan.FromSeconds(20)));

        using var error = await _api.GetAsync("/odataservice/odata/table/customer");
        using var limited = await _api.GetAsync("/odataservice/odata/table/customer");

        Assert.Multiple(async () =>
        {
            Assert.That(error.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
            var envelope = JsonNode.Parse(await error.Content.ReadAsStringAsync())!;
            Assert.That((string?)envelope["ErrorMessage"], Is.EqualTo("SQL timeout"));
            Assert.That((string?)envelope["ErrorType"], Is.EqualTo("P21.Common.Exceptions.Prophet21Exception"));
            Assert.That(limited.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
            Assert.That(limited.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(20)));
        });
    }

    [Test]
    public async Task Should_answer_like_iis_while_down_and_redirect_nothing()
    {
        await _control.PostAsync("/_sim/outage", new { seconds = 30 });

        using var token = await _api.PostAsJsonAsync("/api/security/token/v2", new { username = "api_user", password = "api_password" });
        var (_, calls) = await _control.GetAsync("/_sim/calls");

        Assert.Multiple(async () =>
        {
            Assert.That(token.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(await token.Content.ReadAsStringAsync(), Does.Contain("HTTP Error 503. The service is unavailable."));
            Assert.That((string?)calls!.AsArray().Last()!["fault"], Is.EqualTo("outage"));
        });
    }

    [Test]
    public async Task Should_name_its_routes_as_the_request_log_does()
    {
        var (_, index) = await _control.GetAsync("/_sim");

        Assert.That(index!["routes"]!.AsArray().Select(r => (string?)r!["name"]).Distinct(),
            Is.EquivalentTo(Enum.GetNames<P21Route>()));
    }
}
