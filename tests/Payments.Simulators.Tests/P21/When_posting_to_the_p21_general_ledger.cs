using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Payments.Simulators.P21;
using Payments.Simulators.P21.Store;

namespace Payments.Simulators.Tests.P21;

/// <summary>The general ledger's REST family (<c>/api/accounting/gl</c>) and its control routes, seen by a plain HttpClient.</summary>
[TestFixture]
public class When_posting_to_the_p21_general_ledger
{
    P21Simulator _simulator = null!;
    HttpClient _http = null!;

    [SetUp]
    public async Task Start()
    {
        _simulator = await P21Simulator.StartAsync(new P21SimulatorOptions());
        _http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(_simulator.BaseUrl) };
        using var token = await _http.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/security/token/v2")
        {
            Content = JsonContent.Create(new { username = "api_user", password = "api_password" }),
            Headers = { Accept = { new MediaTypeWithQualityHeaderValue("application/json") } },
        });
        var accessToken = JsonDocument.Parse(await token.Content.ReadAsStringAsync()).RootElement.GetProperty("AccessToken").GetString();
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }

    [TearDown]
    public async Task Stop()
    {
        _http.Dispose();
        await _simulator.DisposeAsync();
    }

    static object Line(string account, decimal amount, string source = "znode:ZN-1:pi_1") => new
    {
        CompanyNo = "ACME", AccountNumber = account, Period = 11, YearForPeriod = 2026, JournalId = "CR", Amount = amount, ForeignAmount = amount,
        Description = "Znode order ZN-1", Source = source, TransactionDate = "2026-11-29T22:30:00",
    };

    static async Task<(HttpStatusCode Status, JsonNode? Body)> Read(HttpResponseMessage response) =>
        (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync() is { Length: > 0 } text ? text : "null"));

    [Test]
    public async Task Should_post_balanced_lines_as_one_entry_and_echo_them_with_its_transaction_number()
    {
        var (status, body) = await Read(await _http.PostAsJsonAsync("/api/accounting/gl/",
            new[] { Line(P21Seed.StripeClearingAccount, 108.25m), Line(P21Seed.CustomerDepositsAccount, -108.25m) }));

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body?.ToJsonString());
        var lines = body!.AsArray();
        var number = (long)lines[0]!["TransactionNumber"]!;
        Assert.Multiple(() =>
        {
            Assert.That(lines.Select(l => ((string)l!["AccountNumber"]!, (decimal)l["Amount"]!, (long)l["TransactionNumber"]!, (bool)l["Approved"]!)).ToList(),
                Is.EqualTo(new[] { (P21Seed.StripeClearingAccount, 108.25m, number, true), (P21Seed.CustomerDepositsAccount, -108.25m, number, true) }));
            Assert.That(_simulator.Store.Ledger.Entry(number), Has.Count.EqualTo(2));
        });

        var (readStatus, read) = await Read(await _http.GetAsync($"/api/accounting/gl/{number}"));
        Assert.That((readStatus, read!.AsArray().Count), Is.EqualTo((HttpStatusCode.OK, 2)));
    }

    [Test]
    public async Task Should_refuse_lines_that_do_not_balance_in_P21s_words()
    {
        var (status, body) = await Read(await _http.PostAsJsonAsync("/api/accounting/gl/",
            new[] { Line(P21Seed.StripeClearingAccount, 108.25m), Line(P21Seed.CustomerDepositsAccount, -108.24m) }));

        Assert.That(status, Is.EqualTo(HttpStatusCode.InternalServerError));
        Assert.That(((string?)body!["ErrorMessage"], (string?)body["ErrorType"]), Is.EqualTo(("Records do not balance", "P21.Business.Common.BusinessException")));
        Assert.That(_simulator.Store.Ledger.Lines, Is.Empty);
    }

    [Test]
    public async Task Should_refuse_an_account_outside_the_chart_of_accounts()
    {
        var (status, body) = await Read(await _http.PostAsJsonAsync("/api/accounting/gl/", new[] { Line("11120010", 5m), Line("99999999", -5m) }));

        Assert.That((status, (string?)body!["ErrorType"]), Is.EqualTo((HttpStatusCode.InternalServerError, "P21.Business.Common.BusinessException")));
        Assert.That((string?)body["ErrorMessage"], Does.Contain("99999999"));
    }

    [Test]
    public async Task Should_answer_an_unknown_transaction_number_with_an_empty_list_not_404()
    {
        var (status, body) = await Read(await _http.GetAsync("/api/accounting/gl/12345"));

        Assert.That((status, body!.ToJsonString()), Is.EqualTo((HttpStatusCode.OK, "[]")));
    }

    [Test]
    public async Task Should_redirect_the_no_slash_form_before_looking_at_the_token()
    {
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(_simulator.BaseUrl) };
        using var response = await anonymous.PostAsJsonAsync("/api/accounting/gl", Array.Empty<object>());

        Assert.That((response.StatusCode, response.Headers.Location?.ToString()), Is.EqualTo((HttpStatusCode.TemporaryRedirect, "/api/accounting/gl/")));
    }

    [Test]
    public async Task Should_find_a_posted_entry_by_its_source_through_OData()
    {
        await _http.PostAsJsonAsync("/api/accounting/gl/", new[] { Line("11120010", 5m, "znode:ZN-7:pi_7"), Line("21500000", -5m, "znode:ZN-7:pi_7") });
        await _http.PostAsJsonAsync("/api/accounting/gl/", new[] { Line("11120010", 6m, "znode:ZN-8:pi_8"), Line("21500000", -6m, "znode:ZN-8:pi_8") });

        var (status, body) = await Read(await _http.GetAsync("/odataservice/odata/table/gl?$filter=source eq 'znode:ZN-7:pi_7'&$select=transaction_number,amount"));

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body?.ToJsonString());
        Assert.That(body!["value"]!.AsArray().Select(r => (decimal)r!["amount"]!).ToList(), Is.EqualTo(new[] { 5m, -5m }));
    }

    [Test]
    public async Task Should_show_the_entries_and_seed_accounts_over_the_control_api()
    {
        using var control = new HttpClient { BaseAddress = new Uri(_simulator.ControlUrl + "/") };
        using var seeded = await control.PostAsJsonAsync("gl/accounts", new { accountNumber = "40500000", description = "Sales - marketplace" });
        await _http.PostAsJsonAsync("/api/accounting/gl/", new[] { Line("11120010", 5m), Line("40500000", -5m) });

        var entries = JsonNode.Parse(await control.GetStringAsync("gl"))!.AsArray();

        Assert.That(seeded.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(entries.Select(e => ((bool)e!["balanced"]!, e["lines"]!.AsArray().Count)).ToList(), Is.EqualTo(new[] { (true, 2) }));
    }
}
