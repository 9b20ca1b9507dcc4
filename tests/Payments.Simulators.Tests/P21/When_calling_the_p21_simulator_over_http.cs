using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Payments.Simulators.P21;

namespace Payments.Simulators.Tests.P21;

/// <summary>The simulator's wire behaviour, seen by a plain HttpClient.</summary>
[TestFixture]
public class When_calling_the_p21_simulator_over_http
{
    P21Simulator _simulator = null!;
    HttpClient _http = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _simulator = await P21Simulator.StartAsync();
        _http = new HttpClient { BaseAddress = new Uri(_simulator.BaseUrl) };
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _http.Dispose();
        await _simulator.DisposeAsync();
    }

    async Task<string> TokenAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/security/token/v2")
        {
            Content = JsonContent.Create(new { username = "api_user", password = "api_password" }),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await _http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.That(body.RootElement.GetProperty("TokenType").GetString(), Is.EqualTo("Bearer"));
        Assert.That(body.RootElement.GetProperty("ExpiresInSeconds").GetInt64(), Is.EqualTo(86400));
        return body.RootElement.GetProperty("AccessToken").GetString()!;
    }

    async Task<HttpResponseMessage> GetAsync(string url, bool followRedirects = true)
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = followRedirects };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(_simulator.BaseUrl) };
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync());
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return await client.SendAsync(request);
    }

    [Test]
    public async Task Should_answer_the_token_as_xml_when_json_is_not_accepted()
    {
        using var response = await _http.PostAsJsonAsync("/api/security/token/v2", new { username = "api_user", password = "api_password" });
        var body = await response.Content.ReadAsStringAsync();
        Assert.Multiple(() =>
        {
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/xml"));
            Assert.That(body, Does.Contain("<AccessToken>").And.Contain("<ExpiresIn>86400</ExpiresIn>"));
        });
    }

    [Test]
    public async Task Should_refuse_bad_credentials_with_401()
    {
        using var response = await _http.PostAsJsonAsync("/api/security/token/v2", new { username = "api_user", password = "wrong" });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Should_accept_a_consumer_key()
    {
        using var response = await _http.PostAsJsonAsync("/api/security/token/v2",
            new { ClientSecret = _simulator.Options.ClientSecret, GrantType = "client_credentials", username = "api_user" });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Should_refuse_a_call_without_bearer_token()
    {
        using var response = await _http.GetAsync("/odataservice/odata/table/customer");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Should_redirect_the_router_without_trailing_slash_with_307()
    {
        using var response = await GetAsync("/api/ui/router/v1?urlType=external", followRedirects: false);
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.TemporaryRedirect));
            Assert.That(response.Headers.Location?.OriginalString, Is.EqualTo("/api/ui/router/v1/?urlType=external"));
        });
    }

    [Test]
    public async Task Should_lose_the_bearer_token_when_dotnet_follows_the_redirect()
    {
        using var response = await GetAsync("/api/ui/router/v1?urlType=external");
        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("Authorization header was not present"));
        });
    }

    [Test]
    public async Task Should_name_the_ui_server_on_the_trailing_slash_router()
    {
        using var response = await GetAsync("/api/ui/router/v1/?urlType=external");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.That(body.RootElement.GetProperty("Url").GetString(), Is.EqualTo(_simulator.BaseUrl + "/uiserver0"));
    }

    [Test]
    public async Task Should_answer_odata_with_context_count_and_selected_columns_only()
    {
        using var response = await GetAsync("/odataservice/odata/table/customer?$filter=delete_flag eq 'N'&$select=customer_id,customer_name&$orderby=customer_id desc&$top=1&$count=true");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = body.RootElement;
        var first = root.GetProperty("value")[0];
        Assert.Multiple(() =>
        {
            Assert.That(response.Headers.GetValues("OData-Version"), Is.EqualTo(new[] { "4.0" }));
            Assert.That(root.GetProperty("@odata.context").GetString(), Is.EqualTo(_simulator.BaseUrl + "/odataservice/odata/table/$metadata#customer(customer_id,customer_name)"));
            Assert.That(root.GetProperty("@odata.count").GetInt32(), Is.EqualTo(2));
            Assert.That(root.GetProperty("value").GetArrayLength(), Is.EqualTo(1));
            Assert.That(first.GetProperty("customer_id").GetDecimal(), Is.EqualTo(100210m));
            Assert.That(first.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "customer_id", "customer_name" }));
            Assert.That(root.TryGetProperty("@odata.nextLink", out _), Is.False);
        });
    }

    [Test]
    public async Task Should_answer_404_to_a_quoted_decimal_key()
    {
        using var response = await GetAsync("/odataservice/odata/table/customer?$filter=customer_id eq '100198'");
        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("incompatible types"));
        });
    }

    [Test]
    public async Task Should_answer_an_empty_404_to_an_unknown_select_column_or_table()
    {
        using var column = await GetAsync("/odataservice/odata/table/customer?$select=no_such_column");
        using var table = await GetAsync("/odataservice/odata/table/p21_view_customer");
        Assert.Multiple(async () =>
        {
            Assert.That(column.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(await column.Content.ReadAsStringAsync(), Is.Empty);
            Assert.That(table.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }

    [Test]
    public async Task Should_return_every_row_when_the_filter_uses_in()
    {
        using var response = await GetAsync("/odataservice/odata/table/inv_mast?$filter=item_id in ('WIDGET-001')&$count=true");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.That(body.RootElement.GetProperty("@odata.count").GetInt32(), Is.EqualTo(_simulator.Store.Items.Count));
    }

    [Test]
    public async Task Should_answer_an_empty_500_to_an_unknown_transaction_service()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/uiserver0/api/v2/transaction")
        {
            Content = JsonContent.Create(new { Name = "NoSuchService", Transactions = new[] { new { Status = "New" } } }, options: new JsonSerializerOptions()),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync());
        using var response = await _http.SendAsync(request);
        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
            Assert.That(await response.Content.ReadAsStringAsync(), Is.Empty);
        });
    }

    [Test]
    public async Task Should_find_an_order_by_its_reference_as_the_filter_compares_and_apply_the_rest_of_the_filter()
    {
        // The order look-ups by reference go straight to the matching orders (not a row per order); what they answer must not change.
        async Task<string[]> OrdersAsync(string filter)
        {
            using var response = await GetAsync($"/odataservice/odata/table/oe_hdr?$filter={Uri.EscapeDataString(filter)}&$select=order_no,web_reference_no");
            response.EnsureSuccessStatusCode();
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return [.. body.RootElement.GetProperty("value").EnumerateArray().Select(o => o.GetProperty("web_reference_no").GetString()!)];
        }

        Assert.Multiple(async () =>
        {
            Assert.That(await OrdersAsync("web_reference_no eq 'WEB-123'"), Is.EqualTo(new[] { "WEB-123" }));
            Assert.That(await OrdersAsync("'web-123' eq web_reference_no"), Is.EqualTo(new[] { "WEB-123" }), "case-insensitive, either side");
            Assert.That(await OrdersAsync("po_no eq 'PO-TEST-001' and delete_flag eq 'N'"), Is.EqualTo(new[] { "WEB-123" }));
            Assert.That(await OrdersAsync("web_reference_no eq 'WEB-123' and delete_flag eq 'Y'"), Is.Empty, "the rest of the filter still applies");
            Assert.That(await OrdersAsync("web_reference_no eq 'WEB-999'"), Is.Empty);
            Assert.That(await OrdersAsync("web_reference_no eq 'WEB-999' or po_no eq 'PO-TEST-001'"), Is.EqualTo(new[] { "WEB-123" }), "an or is not narrowed");
        });
    }

    [Test]
    public async Task Should_read_one_orders_lines_by_its_number_and_apply_the_rest_of_the_filter()
    {
        // The read-back after each posting asks oe_line for one order's lines; answered from that order, the answers must not change.
        async Task<JsonElement[]> RowsAsync(string table, string filter, string select)
        {
            using var response = await GetAsync($"/odataservice/odata/table/{table}?$filter={Uri.EscapeDataString(filter)}&$select={select}");
            response.EnsureSuccessStatusCode();
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return [.. body.RootElement.GetProperty("value").EnumerateArray().Select(e => e.Clone())];
        }
        var orderNo = (await RowsAsync("oe_hdr", "web_reference_no eq 'WEB-123'", "order_no")).Single().GetProperty("order_no").GetString()!;
        async Task<string[]> LinesAsync(string filter) =>
            [.. (await RowsAsync("oe_line", filter, "order_no,line_no,inv_mast_uid,unit_quantity"))
                .Select(l => $"{l.GetProperty("order_no").GetString()}/{l.GetProperty("line_no").GetDecimal()}/{l.GetProperty("inv_mast_uid").GetInt32()}/{l.GetProperty("unit_quantity").GetDecimal()}")];

        Assert.Multiple(async () =>
        {
            Assert.That(await LinesAsync($"order_no eq '{orderNo}'"), Is.EqualTo(new[] { $"{orderNo}/1/15/5" }));
            Assert.That(await LinesAsync($"'{orderNo}' eq order_no and line_no eq 1"), Is.EqualTo(new[] { $"{orderNo}/1/15/5" }), "either side");
            Assert.That(await LinesAsync($"order_no eq '{orderNo}' and line_no eq 2"), Is.Empty, "the rest of the filter still applies");
            Assert.That(await LinesAsync("order_no eq '999'"), Is.Empty);
            Assert.That(await LinesAsync($"order_no eq '999' or line_no eq 1"), Is.EqualTo(new[] { $"{orderNo}/1/15/5" }), "an or is not narrowed");
        });
    }
}

[TestFixture]
public class When_reading_a_transaction_back_from_the_simulator
{
    // The Transaction API binds PascalCase names only; HttpClient's web defaults (camelCase) would go unbound.
    static readonly JsonSerializerOptions PascalCase = new();

    [Test]
    public async Task Should_return_the_order_as_a_transaction_set_and_404_for_an_unknown_key()
    {
        await using var simulator = await P21Simulator.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(simulator.BaseUrl) };
        using var tokenReply = await http.PostAsJsonAsync("/api/security/token/v2", new { username = "api_user", password = "api_password" });
        var token = System.Xml.Linq.XDocument.Parse(await tokenReply.Content.ReadAsStringAsync()).Root!.Elements().First(e => e.Name.LocalName == "AccessToken").Value;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var orderNo = simulator.Store.Orders.Single().OrderNo; // the seeded historic order

        static object Get(string orderNo) => new
        {
            ServiceName = "Order",
            TransactionStates = new[] { new { DataElementName = "TABPAGE_1.order", Keys = new[] { new { Name = "order_no", Value = orderNo } } } },
        };
        using var found = await http.PostAsJsonAsync("/uiserver0/api/v2/transaction/get", Get(orderNo), PascalCase);
        using var missing = await http.PostAsJsonAsync("/uiserver0/api/v2/transaction/get", Get("9999999"), PascalCase);
        using var body = JsonDocument.Parse(await found.Content.ReadAsStringAsync());
        var elements = body.RootElement.GetProperty("Transactions")[0].GetProperty("DataElements");

        Assert.Multiple(() =>
        {
            Assert.That(elements[0].GetProperty("Rows")[0].GetProperty("Edits").EnumerateArray()
                .Single(e => e.GetProperty("Name").GetString() == "web_reference_no").GetProperty("Value").GetString(), Is.EqualTo("WEB-123"));
            Assert.That(elements[1].GetProperty("Name").GetString(), Is.EqualTo("TP_ITEMS.items"));
            Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }
}

[TestFixture]
public class When_a_simulated_token_outlives_its_lifetime
{
    [Test]
    public async Task Should_answer_401_once_the_lifetime_has_passed()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.Parse("2026-03-10T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var simulator = await P21Simulator.StartAsync(new P21SimulatorOptions { TokenLifetime = TimeSpan.FromHours(1) }, clock);
        using var http = new HttpClient { BaseAddress = new Uri(simulator.BaseUrl) };
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var tokenReply = await http.PostAsJsonAsync("/api/security/token/v2", new { username = "api_user", password = "api_password" });
        using var token = JsonDocument.Parse(await tokenReply.Content.ReadAsStringAsync());
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.RootElement.GetProperty("AccessToken").GetString());

        using var fresh = await http.GetAsync("/api/ui/router/v1/?urlType=external");
        clock.Advance(TimeSpan.FromMinutes(61));
        using var expired = await http.GetAsync("/api/ui/router/v1/?urlType=external");

        Assert.Multiple(() =>
        {
            Assert.That(token.RootElement.GetProperty("ExpiresInSeconds").GetInt64(), Is.EqualTo(3600));
            Assert.That(fresh.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(expired.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        });
    }
}
