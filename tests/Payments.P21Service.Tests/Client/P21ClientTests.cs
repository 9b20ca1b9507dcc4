using Payments.P21Service.Client;
using Payments.P21Service.Client.Transactions;
using Payments.ServiceDefaults.Failures;
using Payments.Simulators.P21;
using Payments.Simulators.P21.Faults;

namespace Payments.P21Service.Tests.Client;

[TestFixture]
public class When_the_p21_client_authenticates
{
    [Test]
    public async Task Should_issue_one_token_and_reuse_it()
    {
        await using var harness = await P21Harness.StartAsync();
        var api = harness.Get<IP21Api>();

        await api.GetUiServerAsync(CancellationToken.None);
        await api.QueryItemsAsync("item_id eq 'WIDGET-001'", null, null, CancellationToken.None);
        await api.QueryCustomersAsync("customer_id eq 100198", null, 1, CancellationToken.None);

        Assert.That(harness.Simulator.TokensIssued, Is.EqualTo(1));
    }

    [Test]
    public async Task Should_reissue_the_token_once_after_p21_expired_it_and_repeat_the_call()
    {
        await using var harness = await P21Harness.StartAsync();
        var api = harness.Get<IP21Api>();
        await api.GetUiServerAsync(CancellationToken.None);

        harness.Simulator.ExpireAllTokens();
        var items = await api.QueryItemsAsync("item_id eq 'WIDGET-001'", null, null, CancellationToken.None);

        var odataCalls = harness.Simulator.Requests.Where(r => r.Route == P21Route.OData).Select(r => r.StatusCode);
        Assert.Multiple(() =>
        {
            Assert.That(items.Value.Single().ItemId, Is.EqualTo("WIDGET-001"));
            Assert.That(harness.Simulator.TokensIssued, Is.EqualTo(2));
            Assert.That(odataCalls, Is.EqualTo(new[] { 401, 200 }));
        });
    }

    [Test]
    public async Task Should_renew_the_token_shortly_before_it_expires()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.Parse("2026-03-10T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var harness = await P21Harness.StartAsync(s => s.TokenLifetime = TimeSpan.FromHours(1), time: clock);
        var api = harness.Get<IP21Api>();

        await api.GetUiServerAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(50));
        await api.GetUiServerAsync(CancellationToken.None);
        var beforeRenewal = harness.Simulator.TokensIssued;
        clock.Advance(TimeSpan.FromMinutes(6)); // 4 minutes left: inside the 5-minute margin
        await api.GetUiServerAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(beforeRenewal, Is.EqualTo(1));
            Assert.That(harness.Simulator.TokensIssued, Is.EqualTo(2));
            Assert.That(harness.Simulator.Requests.Count(r => r.StatusCode == 401), Is.Zero);
        });
    }

    [Test]
    public async Task Should_call_the_router_with_its_trailing_slash()
    {
        await using var harness = await P21Harness.StartAsync();
        var route = await harness.Get<IP21Api>().GetUiServerAsync(CancellationToken.None);

        var router = harness.Simulator.Requests.Single(r => r.Route == P21Route.Router);
        Assert.Multiple(() =>
        {
            Assert.That(route.Url, Is.EqualTo(harness.Simulator.UiServerUrl));
            Assert.That(router.PathAndQuery, Is.EqualTo("/api/ui/router/v1/?urlType=external"));
            Assert.That(router.StatusCode, Is.EqualTo(200));
        });
    }

    [Test]
    public async Task Should_report_wrong_credentials_as_a_permanent_p21_failure()
    {
        await using var harness = await P21Harness.StartAsync(settings: s => s["P21:Password"] = "wrong");
        var error = Assert.ThrowsAsync<PermanentFailureException>(() => harness.PostAsync(P21Harness.Payment(P21SeedEmails.Acme)))!;
        Assert.Multiple(() =>
        {
            Assert.That(error.System, Is.EqualTo("P21"));
            Assert.That(error.Reason, Does.Contain("credentials"));
        });
    }

    [Test]
    public async Task Should_ask_for_a_few_fresh_tokens_and_then_retry_later_when_p21_keeps_ending_the_session()
    {
        await using var harness = await P21Harness.StartAsync();
        harness.Simulator.Faults.Inject(P21Route.OData, P21Fault.Unauthorized(), times: 10);

        // Someone else on the API user ends every session we open (docs/external-apis/p21.md#tokens): not bad credentials, which the
        // token request itself would have refused.
        var error = Assert.ThrowsAsync<TransientFailureException>(() => harness.PostAsync(P21Harness.Payment(P21SeedEmails.Acme)))!;
        Assert.Multiple(() =>
        {
            Assert.That(error.Message, Does.Contain("401").And.Contain("ended our session"));
            Assert.That(harness.Simulator.TokensIssued, Is.EqualTo(4), "the first token and three fresh ones (P21:Reauthentications)");
        });
    }

    [Test]
    public async Task Should_recover_when_a_fresh_token_is_ended_again_before_the_call_is_repeated()
    {
        await using var harness = await P21Harness.StartAsync();
        harness.Simulator.Faults.Inject(P21Route.OData, P21Fault.Unauthorized(), times: 2);

        var posted = await harness.PostAsync(P21Harness.Payment(P21SeedEmails.Acme));

        Assert.Multiple(() =>
        {
            Assert.That(harness.Simulator.Store.FindOrder(posted.OrderNo), Is.Not.Null);
            Assert.That(harness.Simulator.TokensIssued, Is.EqualTo(3));
        });
    }
}

[TestFixture]
public class When_probing_p21_health
{
    [Test]
    public async Task Should_report_healthy_while_p21_answers_and_unhealthy_with_the_reason_when_it_does_not()
    {
        await using var harness = await P21Harness.StartAsync();
        var health = harness.Get<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckService>();

        var healthy = await health.CheckHealthAsync();
        harness.Simulator.Faults.Inject(P21Route.Router, P21Fault.ServerError("P21 middleware restarting"));
        var unhealthy = await health.CheckHealthAsync();

        Assert.Multiple(() =>
        {
            Assert.That(healthy.Entries["p21"].Status, Is.EqualTo(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy));
            Assert.That(unhealthy.Entries["p21"].Status, Is.EqualTo(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy));
            Assert.That(unhealthy.Entries["p21"].Description, Does.Contain("500").And.Contain("P21 middleware restarting"));
        });
    }
}

[TestFixture]
public class When_posting_to_the_transaction_api
{
    P21Harness _harness = null!;

    [OneTimeSetUp]
    public async Task Start() => _harness = await P21Harness.StartAsync();

    [OneTimeTearDown]
    public async Task Stop() => await _harness.DisposeAsync();

    static TransactionSet Order(params Edit[] header) => TransactionSet.For("Order")
        .Form("TABPAGE_1.order", row => Fields(row, header))
        .List("TP_ITEMS.items", ["NO-SUCH-ITEM"], (row, item) => row.Field("oe_order_item_id", item).Field("unit_quantity", "1"))
        .Build();

    static void Fields(TransactionRowBuilder row, IEnumerable<Edit> edits)
    {
        foreach (var edit in edits) row.Field(edit.Name, edit.Value);
    }

    [Test]
    public void Should_turn_a_200_with_failed_summary_into_a_permanent_failure_with_p21s_message()
    {
        var set = Order(new Edit("customer_id", "100198"), new Edit("ship_to_id", "100198"), new Edit("source_loc_id", "10"));
        var error = Assert.ThrowsAsync<PermanentFailureException>(() => _harness.Get<P21Transactions>().PostAsync(set, "a test order", CancellationToken.None))!;
        Assert.Multiple(() =>
        {
            Assert.That(error.System, Is.EqualTo("P21"));
            Assert.That(error.Reason, Does.Contain("Transaction 1:: Item ID NO-SUCH-ITEM does not exist."));
        });
    }

    [TestCase("company_id", "Column is disabled: company_id")]
    [TestCase("ship_to_id", "This column is required.")]
    public void Should_carry_p21s_validation_messages(string field, string message)
    {
        var edits = new List<Edit> { new("customer_id", "100198"), new("source_loc_id", "10") };
        if (field == "company_id") edits.AddRange([new Edit("ship_to_id", "100198"), new Edit("company_id", "ACME")]);
        var error = Assert.ThrowsAsync<PermanentFailureException>(() => _harness.Get<P21Transactions>().PostAsync(Order([.. edits]), "a test order", CancellationToken.None))!;
        Assert.That(error.Reason, Does.Contain("Transaction 1:: " + message));
    }
}

[TestFixture]
public class When_the_simulated_transaction_api_validates
{
    P21Harness _harness = null!;

    [OneTimeSetUp]
    public async Task Start() => _harness = await P21Harness.StartAsync();

    [OneTimeTearDown]
    public async Task Stop() => await _harness.DisposeAsync();

    static readonly Edit[] ValidHeader =
    [
        new("customer_id", "100198"), new("ship_to_id", "100198"), new("source_loc_id", "10"), new("order_date", "2026-03-10"), new("requested_date", "2026-03-11"),
        new("web_reference_no", "ch_validation"),
    ];

    static TransactionSet Order(IEnumerable<Edit> header, params (string ItemId, string Quantity)[] items) => TransactionSet.For("Order")
        .Form("TABPAGE_1.order", row =>
        {
            foreach (var edit in header) row.Field(edit.Name, edit.Value);
        })
        .List("TP_ITEMS.items", items, (row, item) => row.Field("oe_order_item_id", item.ItemId).Field("unit_quantity", item.Quantity))
        .Build();

    static (string ItemId, string Quantity) Item(string itemId, string quantity) => (itemId, quantity);

    Task<TransactionResponse> PostAsync(TransactionSet set) => _harness.Get<P21Transactions>().PostAsync(set, "a test set", CancellationToken.None);

    [TestCase("customer_id", "Customer ID is required")]
    [TestCase("source_loc_id", "Jurisdiction ID for Order Header Tax is required.")]
    public void Should_refuse_an_order_without_a_required_header_field(string field, string message)
    {
        var error = Assert.ThrowsAsync<PermanentFailureException>(() => PostAsync(Order(ValidHeader.Where(e => e.Name != field), Item("WIDGET-001", "1"))))!;
        Assert.That(error.Reason, Does.Contain("Transaction 1:: " + message));
    }

    [Test]
    public void Should_refuse_a_requested_date_that_is_not_after_the_order_date()
    {
        var header = ValidHeader.Select(e => e.Name == "requested_date" ? e with { Value = "2026-03-10" } : e);
        var error = Assert.ThrowsAsync<PermanentFailureException>(() => PostAsync(Order(header, Item("WIDGET-001", "1"))))!;
        Assert.That(error.Reason, Does.Contain("Requested Date must be after the Order Date"));
    }

    [Test]
    public async Task Should_collapse_list_rows_with_equal_keys_and_still_pass()
    {
        var response = await PostAsync(Order(ValidHeader, Item("WIDGET-001", "1"), Item("WIDGET-001", "7")));

        var order = _harness.Simulator.Store.FindOrder(response.ResultValue("TABPAGE_1.order", "order_no")!)!;
        Assert.Multiple(() =>
        {
            Assert.That(response.Summary?.Succeeded, Is.EqualTo(1));
            Assert.That(order.Lines.Select(l => l.UnitQuantity), Is.EqualTo(new[] { 7m }), "the last row wins");
        });
    }

    [TestCase("salesrep_id", "Salesrep ID is required for a new ship to.")]
    [TestCase("default_branch", "'Default Branch' is a required column.")]
    public void Should_refuse_a_customer_without_salesrep_or_branch(string missing, string message)
    {
        var builder = TransactionSet.For("Customer").Form("TABPAGE_1.tp_1_dw_1", form =>
        {
            form.Field("customer_name", "New Co");
            if (missing != "salesrep_id") form.Field("salesrep_id", "1100");
        });
        if (missing != "default_branch")
            builder.Form("SHIP_TO_GENERAL.ship_to_general", shipTo => shipTo.Field("default_branch", "10"));
        var set = builder.Build();

        var error = Assert.ThrowsAsync<PermanentFailureException>(() => PostAsync(set))!;
        Assert.That(error.Reason, Does.Contain("Transaction 1:: " + message));
    }

    [Test]
    public async Task Should_create_a_customer_and_echo_its_generated_id()
    {
        var set = TransactionSet.For("Customer")
            .Form("TABPAGE_1.tp_1_dw_1", form => form.Field("customer_name", "New Co").Field("salesrep_id", "1100"))
            .Form("SHIP_TO_GENERAL.ship_to_general", shipTo => shipTo.Field("default_branch", "10"))
            .Build();
        var response = await PostAsync(set);

        var id = long.Parse(response.ResultValue("TABPAGE_1.tp_1_dw_1", "customer_id")!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(_harness.Simulator.Store.FindCustomer(id)?.CustomerName, Is.EqualTo("New Co"));
    }
}

static class P21SeedEmails
{
    public const string Acme = Simulators.P21.Store.P21Seed.AcmeEmail;
}
