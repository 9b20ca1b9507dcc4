using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Payments.Persistence.Configuration;
using Payments.Persistence.Outbox;
using Payments.Testing;

namespace Payments.Cli.Tests.CustomerSync;

/// <summary>
/// <c>payments customers suggest-links</c>: Stripe (through Stripe.net), P21 (token + OData) and Znode (customer list) read from small
/// in-test servers — the simulators have no customer lists yet — and the link records from the sagas' database. Suggestions are printed
/// with score, reasons and the line that accepts them; customers already linked are left out; nothing is written or sent anywhere.
/// </summary>
[TestFixture]
public class When_an_operator_asks_for_link_suggestions
{
    TestDatabase _sagas = null!;
    FakeHttpServer _stripe = null!, _p21 = null!, _znode = null!;
    Dictionary<string, string?> _settings = null!;

    [SetUp]
    public async Task Start()
    {
        _sagas = await TestDatabase.Create(DatabaseProvider.Sqlite, "payments_cli_suggest");
        await using (var sagas = Open())
        {
            await SagaTables.CreateCustomerStateAsync(sagas, DatabaseProvider.Sqlite);
            await SagaTables.AddCustomerAsync(sagas, "cus_Harbor", 100234, 77);
        }
        _stripe = new FakeHttpServer();
        _stripe.On("/v1/customers", List(
            Customer("cus_Harbor", "Harbor Supply Co.", "ap@harborsupply.example", null),
            Customer("cus_Acme", "Acme Supply Co", "billing@acmesupply.example", ("12 Main St", "Columbus", "OH", "43004", "US")),
            Customer("cus_Solo", "Jane Doe", "jane.doe@gmail.com", null)));
        _p21 = new FakeHttpServer();
        _p21.On("/api/security/token/v2", """{"AccessToken":"p21-token","ExpiresInSeconds":3600}""");
        _p21.On("/odataservice/odata/table/customer", """
            {"value":[{"customer_id":100234,"customer_name":"HARBOR SUPPLY"},{"customer_id":100300,"customer_name":"ACME SUPPLY, INC."}]}
            """);
        _p21.On("/odataservice/odata/table/address", """
            {"value":[
              {"id":100234,"mail_address1":"400 W Erie St","mail_city":"Chicago","mail_state":"IL","mail_postal_code":"60654","mail_country":"US","email_address":"ap@harborsupply.example"},
              {"id":100300,"mail_address1":"12 Main Street","mail_city":"Columbus","mail_state":"OH","mail_postal_code":"43004-1234","mail_country":"US","email_address":"ap@acmesupply.example"}]}
            """);
        _znode = new FakeHttpServer();
        _znode.On("/customeraccount/list/0", """
            {"Users":[
              {"UserId":77,"Email":"ap@harborsupply.example","CompanyName":"Harbor Supply","IsGuestUser":false},
              {"UserId":88,"Email":"billing@acmesupply.example","CompanyName":"Acme Supply","IsGuestUser":false,
               "Addresses":[{"Address1":"12 Main St","CityName":"Columbus","StateCode":"OH","PostalCode":"43004","CountryCode":"US","IsDefaultBilling":true}]},
              {"UserId":99,"Email":"billing@acmesupply.example","FirstName":"Guest","IsGuestUser":true}],
             "PageIndex":1,"PageSize":200,"TotalPages":1,"TotalResults":3}
            """);
        _settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:Sagas"] = _sagas.ConnectionString,
            ["Stripe:ApiKey"] = "sk_test_cli",
            ["Stripe:ApiBase"] = _stripe.BaseUrl,
            ["P21:BaseUrl"] = _p21.BaseUrl,
            ["P21:Username"] = "api_user",
            ["P21:Password"] = "api_password",
            ["Znode:BaseUrl"] = _znode.BaseUrl,
            ["Znode:DomainName"] = "shop.example.com",
            ["Znode:ApiKey"] = "00000000-0000-0000-0000-000000000000",
        };
    }

    [TearDown]
    public async Task Stop()
    {
        await _stripe.DisposeAsync();
        await _p21.DisposeAsync();
        await _znode.DisposeAsync();
        await _sagas.DisposeAsync();
    }

    [Test]
    public async Task Should_print_the_suggestions_with_score_reasons_and_the_line_to_accept_them()
    {
        var run = await CliRun.Run(_settings, "customers", "suggest-links");

        var rows = run.Output.Split('\n').Where(l => l.Contains("cus_", StringComparison.Ordinal)).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Done), run.Error);
            Assert.That(run.Output, Does.StartWith("2 suggestion(s) at or above 0.65 from 2 unlinked Stripe, 2 P21 and 2 Znode customer(s); none applied"));
            Assert.That(rows, Has.Length.EqualTo(2));
            Assert.That(rows[0], Does.Contain("cus_Acme").And.Contain("znode:88").And.Contain("same e-mail billing@acmesupply.example")
                .And.Contain("payments customers link cus_Acme --znode 88 --by <your name>"));
            Assert.That(rows[1], Does.Contain("cus_Acme").And.Contain("p21:100300").And.Contain("same e-mail domain acmesupply.example")
                .And.Contain("postal code 43004").And.Contain("payments customers link cus_Acme --p21 100300"));
            Assert.That(ScoreOf(rows[0]), Is.GreaterThan(ScoreOf(rows[1])));
            Assert.That(run.Output, Does.Not.Contain("cus_Harbor").And.Not.Contain("p21:100234").And.Not.Contain("znode:77"), "already linked");
            Assert.That(run.Output, Does.Not.Contain("znode:99"), "a guest checkout is no account");
            Assert.That(run.Output, Does.Not.Contain("cus_Solo"));
        });
    }

    [Test]
    public async Task Should_apply_nothing_only_read()
    {
        await CliRun.Run(_settings, "customers", "suggest-links", "--threshold", "0.3");

        Assert.Multiple(() =>
        {
            Assert.That(_stripe.Requests.Select(r => r.Method), Is.All.EqualTo("GET"));
            Assert.That(_znode.Requests.Select(r => r.Method), Is.All.EqualTo("GET"));
            Assert.That(_p21.Requests.Where(r => r.Method != "GET").Select(r => r.PathAndQuery), Is.EqualTo(new[] { "/api/security/token/v2" }), "only the token is posted");
            Assert.That(_p21.Requests.Where(r => r.Method == "GET").Select(r => r.Authorization), Is.All.EqualTo("Bearer p21-token"));
        });
        await using var sagas = Open();
        var rows = await sagas.Database.SqlQueryRaw<string>("""SELECT "StripeCustomerId" AS "Value" FROM "CustomerState" """).ToListAsync();
        Assert.That(rows, Is.EqualTo(new[] { "cus_Harbor" }), "no link record written");
    }

    [Test]
    public async Task Should_write_csv_for_a_spreadsheet()
    {
        var run = await CliRun.Run(_settings, "customers", "suggest-links", "--format", "csv");

        var records = run.Output.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Done), run.Error);
            Assert.That(records[0], Is.EqualTo("Score,StripeCustomer,StripeName,StripeEmail,System,Id,Name,Email,Reasons,Accept"));
            Assert.That(records, Has.Length.EqualTo(3));
            Assert.That(records[1], Does.Contain(",cus_Acme,Acme Supply Co,billing@acmesupply.example,znode,88,Acme Supply,"));
        });
    }

    [Test]
    public async Task Should_fail_with_one_line_when_a_system_refuses_the_credentials()
    {
        _p21.On("/api/security/token/v2", _ => (401, "{}"));

        var run = await CliRun.Run(_settings, "customers", "suggest-links");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Failed));
        Assert.That(run.Error.TrimEnd(), Is.EqualTo("payments: P21 refused the API credentials (token: 401); check P21:Username and P21:Password"));
        Assert.That(run.Output, Is.Empty);
    }

    static double ScoreOf(string row) =>
        double.Parse(row.Split('│', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).First(), System.Globalization.CultureInfo.InvariantCulture);

    static string List(params JsonObject[] data) =>
        new JsonObject { ["object"] = "list", ["url"] = "/v1/customers", ["has_more"] = false, ["data"] = new JsonArray(data) }.ToJsonString();

    static JsonObject Customer(string id, string name, string email, (string Line1, string City, string State, string Postal, string Country)? address) => new()
    {
        ["id"] = id, ["object"] = "customer", ["name"] = name, ["email"] = email, ["created"] = 1_764_400_000, ["livemode"] = false,
        ["address"] = address is { } a
            ? new JsonObject { ["line1"] = a.Line1, ["line2"] = null, ["city"] = a.City, ["state"] = a.State, ["postal_code"] = a.Postal, ["country"] = a.Country }
            : null,
        ["metadata"] = new JsonObject(),
    };

    DbContext Open() =>
        new SharedInboxOutboxDbContext((DbContextOptions<SharedInboxOutboxDbContext>)new DbContextOptionsBuilder<SharedInboxOutboxDbContext>()
            .UsePaymentsProvider(DatabaseProvider.Sqlite, _sagas.ConnectionString).Options);
}
