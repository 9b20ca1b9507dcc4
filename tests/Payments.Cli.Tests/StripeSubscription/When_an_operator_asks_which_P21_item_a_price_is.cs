namespace Payments.Cli.Tests.StripeSubscription;

/// <summary>
/// <c>payments items suggest &lt;price_…|prod_…&gt;</c>: the price and its product from Stripe (through Stripe.net), P21's item master
/// (token + OData <c>inv_mast</c>), both from small in-test servers; scores, reasons and the configuration line, nothing mapped.
/// </summary>
[TestFixture]
public class When_an_operator_asks_which_P21_item_a_price_is
{
    FakeHttpServer _stripe = null!, _p21 = null!;
    Dictionary<string, string?> _settings = null!;

    [SetUp]
    public void Start()
    {
        _stripe = new FakeHttpServer();
        _stripe.On("/v1/prices/price_1QFilterMonthly", """
            {"id":"price_1QFilterMonthly","object":"price","active":true,"currency":"usd","unit_amount":4500,"lookup_key":null,"nickname":"Monthly",
             "metadata":{},"type":"recurring","recurring":{"interval":"month","interval_count":1},
             "product":{"id":"prod_QFilter","object":"product","name":"Shop air filter service FLT-2020 monthly","description":"Replacement filters, 20x20",
                        "metadata":{"sku":"FLT-2020"}}}
            """);
        _stripe.On("/v1/products/prod_Unknown", """{"id":"prod_Unknown","object":"product","name":"Gift wrapping","description":null,"metadata":{}}""");
        _p21 = new FakeHttpServer();
        _p21.On("/api/security/token/v2", """{"AccessToken":"p21-token","ExpiresInSeconds":3600}""");
        _p21.On("/odataservice/odata/table/inv_mast", """
            {"value":[{"item_id":"FLT-2020","item_desc":"AIR FILTER 20X20 MERV 11"},{"item_id":"FLT-1616","item_desc":"AIR FILTER 16X16"},
                      {"item_id":"SVC-MONTHLY","item_desc":"SERVICE PLAN"}]}
            """);
        _settings = new Dictionary<string, string?>
        {
            ["Stripe:ApiKey"] = "sk_test_cli",
            ["Stripe:ApiBase"] = _stripe.BaseUrl,
            ["P21:BaseUrl"] = _p21.BaseUrl,
            ["P21:Username"] = "api_user",
            ["P21:Password"] = "api_password",
        };
    }

    [TearDown]
    public async Task Stop()
    {
        await _stripe.DisposeAsync();
        await _p21.DisposeAsync();
    }

    [Test]
    public async Task Should_print_the_items_with_scores_and_reasons_and_the_configuration_line()
    {
        var run = await CliRun.Run(_settings, "items", "suggest", "price_1QFilterMonthly");

        var lines = run.Output.Split('\n');
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Done), run.Error);
            Assert.That(lines[0], Does.StartWith("price_1QFilterMonthly: Shop air filter service FLT-2020 monthly (product prod_QFilter)"));
            Assert.That(run.Output, Does.Contain("P21 item(s) suggested of 3; none mapped"));
            var best = lines.First(l => l.Contains("FLT-2020") && l.Contains("AIR FILTER 20X20"));
            Assert.That(best, Does.Contain("sku"));
            Assert.That(run.Output, Does.Contain("To map it to the best: P21__Subscriptions__Items__price_1QFilterMonthly=FLT-2020"));
            Assert.That(run.Output, Does.Contain("\"Items\": { \"price_1QFilterMonthly\": \"FLT-2020\" }"));
            Assert.That(_stripe.Requests.Single().PathAndQuery, Does.Contain("expand").And.Contain("product"), "one call: the price with its product");
        });
    }

    [Test]
    public async Task Should_print_the_line_to_fill_in_when_no_item_is_close()
    {
        var run = await CliRun.Run(_settings, "items", "suggest", "prod_Unknown");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Done), run.Error);
        Assert.That(run.Output, Does.Contain("0 P21 item(s) suggested of 3; none mapped").And.Contain("To map it by hand: P21__Subscriptions__Items__prod_Unknown=<P21 item id>"));
    }

    [Test]
    public async Task Should_refuse_what_is_not_a_price_or_product()
    {
        var run = await CliRun.Run(_settings, "items", "suggest", "sub_123");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(run.Error, Does.Contain("'sub_123' is not a Stripe price (price_…) or product (prod_…)"));
    }

    [Test]
    public async Task Should_fail_with_one_line_when_Stripe_does_not_know_it()
    {
        var run = await CliRun.Run(_settings, "items", "suggest", "price_Missing");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Failed));
        Assert.That(run.Error, Does.StartWith("payments: Stripe price_Missing:"));
    }
}
