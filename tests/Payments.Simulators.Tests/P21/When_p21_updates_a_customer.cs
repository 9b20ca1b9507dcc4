using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Payments.Simulators.P21;
using Payments.Simulators.P21.Store;
using Payments.Simulators.P21.Transactions;

namespace Payments.Simulators.Tests.P21;

/// <summary>The <c>Customer</c> service's update (keyed by <c>customer_id</c>), its refusals, the customer note service [inferred], and what OData and <c>/_sim</c> show.</summary>
[TestFixture]
public class When_p21_updates_a_customer
{
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

    static object Set(string service, string form, params (string Name, string Value)[] edits) => new
    {
        Name = service, UseCodeValues = false, IgnoreDisabled = false,
        Transactions = new[]
        {
            new
            {
                Status = "New",
                DataElements = new[]
                {
                    new
                    {
                        Name = form, Type = "Form", Keys = Array.Empty<string>(),
                        Rows = new[] { new { Edits = edits.Select(e => new { e.Name, e.Value }).ToArray(), RelativeDateEdits = Array.Empty<object>() } },
                    },
                },
            },
        },
    };

    async Task<JsonNode> PostAsync(object set)
    {
        using var response = await _http.PostAsJsonAsync(P21Simulator.UiServerPath + "/api/v2/transaction", set, PascalCase);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    Task<JsonNode> UpdateAsync(params (string Name, string Value)[] edits) =>
        PostAsync(Set("Customer", TransactionProcessor.CustomerForm, [("customer_id", P21Seed.AcmeCustomerId.ToString(System.Globalization.CultureInfo.InvariantCulture)), .. edits]));

    [Test]
    public async Task Should_change_only_the_fields_sent_and_show_them_in_odata_and_the_control_api()
    {
        var response = await UpdateAsync(("customer_name", "Acme Supply Company"), ("central_phone_number", "404-555-0199"), ("mail_address2", "Suite 9"),
            ("email_address", "billing@acme-supply.example"), ("tax_exempt_number", "us_ein:12-3456789"), ("mail_state", ""));

        Assert.That((int)response["Summary"]!["Succeeded"]!, Is.EqualTo(1), response.ToJsonString());
        var customer = _p21.Store.FindCustomer(P21Seed.AcmeCustomerId)!;
        Assert.Multiple(() =>
        {
            Assert.That(customer.CustomerName, Is.EqualTo("Acme Supply Company"));
            Assert.That(customer.CentralPhoneNumber, Is.EqualTo("404-555-0199"));
            Assert.That(customer.MailAddress2, Is.EqualTo("Suite 9"));
            Assert.That(customer.EmailAddress, Is.EqualTo("billing@acme-supply.example"));
            Assert.That(customer.TaxExemptNumber, Is.EqualTo("us_ein:12-3456789"));
            Assert.That(customer.MailState, Is.Null, "an empty value clears the field");
            Assert.That(customer.MailAddress1, Is.EqualTo("1 Industrial Way"), "a field not sent is kept");
            Assert.That(customer.DateLastModified, Is.Not.Null);
        });

        using var address = await _http.GetAsync($"/odataservice/odata/table/address?$filter=id eq {P21Seed.AcmeCustomerId}&$select=name,central_phone_number,mail_state");
        var row = JsonNode.Parse(await address.Content.ReadAsStringAsync())!["value"]![0]!;
        Assert.That(((string?)row["name"], (string?)row["central_phone_number"], (string?)row["mail_state"]), Is.EqualTo(("Acme Supply Company", "404-555-0199", (string?)null)));
        var (status, body) = await _control.GetAsync($"/_sim/customers/{P21Seed.AcmeCustomerId}");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((string?)body!["centralPhoneNumber"], Is.EqualTo("404-555-0199"));
    }

    [Test]
    public async Task Should_refuse_an_over_long_value_and_change_nothing()
    {
        var response = await UpdateAsync(("customer_name", "New name"), ("mail_postal_code", "30301-12345678"));

        Assert.That((int)response["Summary"]!["Failed"]!, Is.EqualTo(1));
        Assert.That(response["Messages"]![0]!.ToString(), Does.Contain("String or binary data would be truncated"));
        Assert.That(_p21.Store.FindCustomer(P21Seed.AcmeCustomerId)!.CustomerName, Is.EqualTo("Acme Supply Co"), "a refused transaction changes nothing");
    }

    [TestCase("company_id", "ACME", "Column is disabled: company_id")]
    [TestCase("customer_name", "", "Customer Name is required.")]
    [TestCase("credit_status", "MAYBE", "Invalid value for Credit Status: MAYBE")]
    [TestCase("fax_number", "1", "Invalid column name: fax_number")]
    public async Task Should_refuse_bad_data_with_p21s_message(string field, string value, string message)
    {
        var response = await UpdateAsync((field, value));

        Assert.That((int)response["Summary"]!["Failed"]!, Is.EqualTo(1));
        Assert.That(response["Messages"]![0]!.ToString(), Is.EqualTo("Transaction 1:: " + message));
    }

    [Test]
    public async Task Should_refuse_an_unknown_or_deleted_customer()
    {
        foreach (var id in new[] { "999999", P21Seed.DeletedCustomerId.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            var response = await PostAsync(Set("Customer", TransactionProcessor.CustomerForm, ("customer_id", id), ("customer_name", "X")));
            Assert.That(response["Messages"]![0]!.ToString(), Is.EqualTo($"Transaction 1:: Customer ID {id} is not valid."));
        }
    }

    [Test]
    public async Task Should_put_a_customer_on_credit_hold()
    {
        await UpdateAsync(("credit_status", "hold"));

        using var customer = await _http.GetAsync($"/odataservice/odata/table/customer?$filter=customer_id eq {P21Seed.AcmeCustomerId}&$select=credit_status");
        Assert.That((string?)JsonNode.Parse(await customer.Content.ReadAsStringAsync())!["value"]![0]!["credit_status"], Is.EqualTo("HOLD"));
    }

    [Test]
    public async Task Should_add_a_customer_note_and_list_it()
    {
        var response = await PostAsync(Set(_p21.Options.CustomerNoteService, _p21.Options.CustomerNoteForm,
            ("customer_id", "100198"), ("topic", "stripe-invoice:in_1:attempt:1"), ("note", "Payment failed")));

        Assert.That((int)response["Summary"]!["Succeeded"]!, Is.EqualTo(1), response.ToJsonString());
        using var notes = await _http.GetAsync("/odataservice/odata/table/customer_notepad?$filter=customer_id eq 100198 and topic eq 'stripe-invoice:in_1:attempt:1'");
        Assert.That(JsonNode.Parse(await notes.Content.ReadAsStringAsync())!["value"]!.AsArray(), Has.Count.EqualTo(1));
        var (_, listed) = await _control.GetAsync("/_sim/customers/100198/notes");
        Assert.That((string?)listed![0]!["note"], Is.EqualTo("Payment failed"));

        var refused = await PostAsync(Set(_p21.Options.CustomerNoteService, _p21.Options.CustomerNoteForm, ("customer_id", "100198"), ("note", "no topic")));
        Assert.That(refused["Messages"]![0]!.ToString(), Is.EqualTo("Transaction 1:: This column is required."));
    }

    [Test]
    public async Task Should_keep_phone_and_tax_ids_of_a_created_customer()
    {
        var set = new
        {
            Name = "Customer", UseCodeValues = false, IgnoreDisabled = false,
            Transactions = new[]
            {
                new
                {
                    Status = "New",
                    DataElements = new object[]
                    {
                        new
                        {
                            Name = TransactionProcessor.CustomerForm, Type = "Form", Keys = Array.Empty<string>(),
                            Rows = new[] { new { Edits = new[] { new { Name = "customer_name", Value = "Phone Co" }, new { Name = "salesrep_id", Value = "1100" },
                                new { Name = "central_phone_number", Value = "555-0101" }, new { Name = "tax_exempt_number", Value = "eu_vat:DE123456789" } } } },
                        },
                        new
                        {
                            Name = TransactionProcessor.CustomerShipTo, Type = "Form", Keys = Array.Empty<string>(),
                            Rows = new[] { new { Edits = new[] { new { Name = "default_branch", Value = "10" } } } },
                        },
                    },
                },
            },
        };

        var response = await PostAsync(set);

        var id = long.Parse(response["Results"]!["Transactions"]![0]!["DataElements"]![0]!["Rows"]![0]!["Edits"]!.AsArray()
            .Single(e => (string?)e!["Name"] == "customer_id")!["Value"]!.ToString(), System.Globalization.CultureInfo.InvariantCulture);
        var created = _p21.Store.FindCustomer(id)!;
        Assert.That((created.CentralPhoneNumber, created.TaxExemptNumber), Is.EqualTo(("555-0101", "eu_vat:DE123456789")));
    }

    [Test]
    public async Task Should_read_the_updated_customer_through_transaction_get()
    {
        await UpdateAsync(("mail_country", "CAN"));

        using var response = await _http.PostAsJsonAsync(P21Simulator.UiServerPath + "/api/v2/transaction/get", new
        {
            ServiceName = "Customer",
            TransactionStates = new[] { new { DataElementName = TransactionProcessor.CustomerForm, Keys = new[] { new { Name = "customer_id", Value = "100198" } } } },
        }, PascalCase);
        var edits = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["Transactions"]![0]!["DataElements"]![0]!["Rows"]![0]!["Edits"]!.AsArray();
        Assert.That(edits.Single(e => (string?)e!["Name"] == "mail_country")!["Value"]!.ToString(), Is.EqualTo("CAN"));
    }
}
