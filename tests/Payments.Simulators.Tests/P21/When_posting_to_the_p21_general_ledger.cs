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

    static object Line(string account, decimal amount, string source = "znode:ZN-1:pi_1", string description = "Znode order ZN-1", int period = 11) => new
    {
        CompanyNo = "ACME", AccountNumber = account, Period = period, YearForPeriod = 2026, JournalId = "CR", Amount = amount, ForeignAmount = amount,
        Description = description, Source = source, TransactionDate = "2026-11-29T22:30:00",
    };

    /// <summary>A payout's journal: gross sales credited, a refund and a dispute debited, each fee kind to its account, the net to the bank clearing account.</summary>
    static object[] PayoutLines(decimal bank = 52.35m, int period = 11) =>
    [
        Line(P21Seed.WebSalesAccount, -150.00m, "payout:po_1", "Stripe charge USD", period),
        Line(P21Seed.SalesReturnsAccount, 25.00m, "payout:po_1", "Stripe refund USD", period),
        Line(P21Seed.DisputedFundsAccount, 50.00m, "payout:po_1", "Stripe dispute_withdrawal USD", period),
        Line(P21Seed.StripeFeesAccount, 21.95m, "payout:po_1", "Stripe fee stripe_fee", period),
        Line(P21Seed.StripeOtherFeesAccount, 0.70m, "payout:po_1", "Stripe fee application_fee", period),
        Line(P21Seed.PayoutBankClearingAccount, bank, "payout:po_1", "Payout po_1 net", period),
    ];

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
    public async Task Should_post_a_payouts_gross_fee_and_bank_lines_as_one_entry()
    {
        var (status, body) = await Read(await _http.PostAsJsonAsync("/api/accounting/gl/", PayoutLines()));

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body?.ToJsonString());
        var number = (long)body!.AsArray()[0]!["TransactionNumber"]!;
        var entry = _simulator.Store.Ledger.Entry(number);
        Assert.Multiple(() =>
        {
            Assert.That(entry.Select(l => (l.SequenceNumber, l.AccountNumber, l.Amount, l.Description)).ToList(), Is.EqualTo(new[]
            {
                (1, P21Seed.WebSalesAccount, -150.00m, "Stripe charge USD"), (2, P21Seed.SalesReturnsAccount, 25.00m, "Stripe refund USD"),
                (3, P21Seed.DisputedFundsAccount, 50.00m, "Stripe dispute_withdrawal USD"), (4, P21Seed.StripeFeesAccount, 21.95m, "Stripe fee stripe_fee"),
                (5, P21Seed.StripeOtherFeesAccount, 0.70m, "Stripe fee application_fee"), (6, P21Seed.PayoutBankClearingAccount, 52.35m, "Payout po_1 net"),
            }));
            Assert.That(_simulator.Store.Ledger.Lines.Select(l => l.TransactionNumber).Distinct(), Is.EqualTo(new[] { number }));
        });
    }

    [Test]
    public async Task Should_refuse_a_payouts_lines_off_by_a_cent_in_P21s_words()
    {
        var (status, body) = await Read(await _http.PostAsJsonAsync("/api/accounting/gl/", PayoutLines(bank: 52.34m)));

        Assert.That((status, (string?)body!["ErrorMessage"], (string?)body["ErrorType"]),
            Is.EqualTo((HttpStatusCode.InternalServerError, "Records do not balance", "P21.Business.Common.BusinessException")));
        Assert.That(_simulator.Store.Ledger.Lines, Is.Empty);
    }

    [Test]
    public async Task Should_refuse_a_closed_period_and_take_it_once_reopened()
    {
        using var control = new HttpClient { BaseAddress = new Uri(_simulator.ControlUrl + "/") };
        using var closing = await control.PutAsJsonAsync("gl/periods", new { period = "2026-11" });
        var closed = JsonNode.Parse(await closing.Content.ReadAsStringAsync())!["closed"]!.AsArray().Select(p => (string?)p).ToList();

        var (status, body) = await Read(await _http.PostAsJsonAsync("/api/accounting/gl/", PayoutLines()));
        var (nextStatus, _) = await Read(await _http.PostAsJsonAsync("/api/accounting/gl/", PayoutLines(period: 12)));
        var closedCount = _simulator.Store.Ledger.Lines.Count(l => l.Period == 11);

        using var reopened = await control.PutAsJsonAsync("gl/periods", new { period = "2026-11", closed = false });
        var (reopenedStatus, _) = await Read(await _http.PostAsJsonAsync("/api/accounting/gl/", PayoutLines()));

        Assert.Multiple(() =>
        {
            Assert.That(closed, Is.EqualTo(new[] { "2026-11" }));
            Assert.That((status, (string?)body!["ErrorMessage"], (string?)body["ErrorType"]),
                Is.EqualTo((HttpStatusCode.InternalServerError, "Period 11 of 2026 is closed.", "P21.Business.Common.BusinessException")));
            Assert.That(closedCount, Is.Zero, "nothing of the refused entry is kept");
            Assert.That(nextStatus, Is.EqualTo(HttpStatusCode.OK), "the next period stays open");
            Assert.That(reopenedStatus, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(_simulator.Store.Ledger.ClosedPeriods, Is.Empty);
        });
    }

    [Test]
    public async Task Should_close_the_periods_its_options_name()
    {
        await using var closedSimulator = await P21Simulator.StartAsync(new P21SimulatorOptions { ClosedPeriods = ["2026-03", "2025-12"] });

        Assert.That(closedSimulator.Store.Ledger.ClosedPeriods.Select(p => p.ToString()), Is.EqualTo(new[] { "2025-12", "2026-03" }));
        var refused = Assert.ThrowsAsync<ArgumentException>(() => P21Simulator.StartAsync(new P21SimulatorOptions { ClosedPeriods = ["March 2026"] }));
        Assert.That(refused!.Message, Does.Contain("March 2026"));
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
