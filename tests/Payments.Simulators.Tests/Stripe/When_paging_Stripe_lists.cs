using System.Net;
using System.Text.Json.Nodes;
using Payments.Simulators.Stripe;
using Payments.Simulators.Stripe.Account;
using Stripe;

namespace Payments.Simulators.Tests.Stripe;

/// <summary>Stripe's cursor pagination, checked on the wire and through Stripe.net's own paging.</summary>
[TestFixture]
public class When_paging_Stripe_lists
{
    StripeApiFake _fake = null!;
    StripeClient _client = null!;
    ControlClient _http = null!;
    List<string> _customers = null!; // oldest first

    [SetUp]
    public async Task Start()
    {
        _fake = await StripeApiFake.StartAsync(new StripeApiFakeOptions { SeedFixtureCharge = false });
        _client = StripeClients.For(_fake);
        _http = new ControlClient(_fake.ApiBase);
        _http.Http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "sk_test_123");
        _customers = [.. Enumerable.Range(1, 7).Select(i => (string)_fake.Account.CreateCustomer(new CustomerFields { Email = $"c{i}@example.com" })["id"]!)];
    }

    [TearDown]
    public async Task Stop()
    {
        _http.Dispose();
        await _fake.DisposeAsync();
    }

    IEnumerable<string> Newest(int skip, int take) => Enumerable.Reverse(_customers).Skip(skip).Take(take);

    [Test]
    public async Task Should_answer_a_list_object_newest_first_with_has_more()
    {
        var (status, page) = await _http.GetAsync("/v1/customers?limit=3");

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((string?)page!["object"], Is.EqualTo("list"));
            Assert.That((string?)page["url"], Is.EqualTo("/v1/customers"));
            Assert.That((bool?)page["has_more"], Is.True);
            Assert.That(page["data"]!.AsArray().Select(c => (string?)c!["id"]), Is.EqualTo(Newest(0, 3)));
        });
    }

    [Test]
    public async Task Should_page_forward_with_starting_after_and_backward_with_ending_before()
    {
        var middle = _customers[3]; // the 4th oldest, 4th newest of 7
        var after = await _client.V1.Customers.ListAsync(new CustomerListOptions { Limit = 2, StartingAfter = middle });
        var last = await _client.V1.Customers.ListAsync(new CustomerListOptions { Limit = 5, StartingAfter = middle });
        var before = await _client.V1.Customers.ListAsync(new CustomerListOptions { Limit = 2, EndingBefore = middle });
        var first = await _client.V1.Customers.ListAsync(new CustomerListOptions { Limit = 5, EndingBefore = middle });

        Assert.Multiple(() =>
        {
            Assert.That(after.Data.Select(c => c.Id), Is.EqualTo(Newest(4, 2)));
            Assert.That(after.HasMore, Is.True);
            Assert.That(last.Data.Select(c => c.Id), Is.EqualTo(Newest(4, 3)));
            Assert.That(last.HasMore, Is.False);
            Assert.That(before.Data.Select(c => c.Id), Is.EqualTo(Newest(1, 2)), "the two just newer than the cursor, newest first");
            Assert.That(before.HasMore, Is.True);
            Assert.That(first.Data.Select(c => c.Id), Is.EqualTo(Newest(0, 3)));
            Assert.That(first.HasMore, Is.False);
        });
    }

    [Test]
    public void Should_walk_every_page_with_Stripe_nets_auto_paging_both_ways()
    {
        var forward = _client.V1.Customers.ListAutoPaging(new CustomerListOptions { Limit = 2 }).Select(c => c.Id).ToList();
        var backward = _client.V1.Customers.ListAutoPaging(new CustomerListOptions { Limit = 2, EndingBefore = _customers[0] }).Select(c => c.Id).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(forward, Is.EqualTo(Enumerable.Reverse(_customers)));
            Assert.That(backward, Is.EqualTo(_customers.Skip(1)), "ending_before walks towards the newest, oldest first");
        });
    }

    [Test]
    public async Task Should_filter_by_email_and_by_creation_time()
    {
        var byEmail = await _client.V1.Customers.ListAsync(new CustomerListOptions { Email = "c5@example.com" });
        var created = (long)_fake.Account.Get(_customers[0])!["created"]!;
        var (_, none) = await _http.GetAsync($"/v1/customers?created[gt]={created + 3600}");
        var (_, all) = await _http.GetAsync($"/v1/customers?created[gte]={created}&limit=100");

        Assert.Multiple(() =>
        {
            Assert.That(byEmail.Data.Single().Id, Is.EqualTo(_customers[4]));
            Assert.That(none!["data"]!.AsArray(), Is.Empty);
            Assert.That(all!["data"]!.AsArray(), Has.Count.EqualTo(7));
        });
    }

    [TestCase("limit=0", "limit")]
    [TestCase("limit=101", "limit")]
    [TestCase("starting_after=cus_nope", "starting_after")]
    [TestCase("starting_after=a&ending_before=b", "ending_before")]
    [TestCase("colour=red", "colour")]
    public async Task Should_refuse_bad_list_parameters_with_the_param_named(string query, string param)
    {
        var (status, body) = await _http.GetAsync("/v1/customers?" + query);

        Assert.Multiple(() =>
        {
            Assert.That((int)status, Is.EqualTo(400).Or.EqualTo(404));
            Assert.That((string?)body!["error"]!["type"], Is.EqualTo("invalid_request_error"));
            Assert.That((string?)body["error"]!["param"], Is.EqualTo(param));
        });
    }
}
