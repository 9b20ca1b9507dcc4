using System.Net;
using System.Net.Http.Json;

namespace Payments.Simulators.Tests.Shared;

[TestFixture]
public class When_routing_calls_to_resource_handlers
{
    ThingsSimulator _simulator = null!;
    ControlClient _client = null!;

    [SetUp]
    public async Task Start()
    {
        _simulator = await ThingsSimulator.StartAsync();
        _client = new ControlClient(_simulator.BaseUrl);
    }

    [TearDown]
    public async Task Stop()
    {
        _client.Dispose();
        await _simulator.DisposeAsync();
    }

    [Test]
    public async Task Should_answer_each_route_with_its_handler_and_log_the_route_name()
    {
        var get = await _client.Http.GetStringAsync("/things/7");
        using var post = await _client.Http.PostAsync("/things/8", new StringContent("red"));
        var all = await _client.Http.GetStringAsync("/things");

        Assert.Multiple(async () =>
        {
            Assert.That(get, Is.EqualTo("thing 7"));
            Assert.That(await post.Content.ReadAsStringAsync(), Is.EqualTo("stored 8: red"));
            Assert.That(all, Is.EqualTo("all things"));
            Assert.That(_simulator.Calls.All.Select(c => (c.Route, c.Method, c.Path)), Is.EqualTo(new (string?, string, string)[]
            {
                ("things.get", "GET", "/things/7"), ("things.put", "POST", "/things/8"), ("things.list", "GET", "/things"),
            }));
            Assert.That(_simulator.Calls.All[1].RequestBody, Is.EqualTo("red"));
        });
    }

    [Test]
    public async Task Should_answer_an_unknown_path_or_method_with_the_simulators_not_found()
    {
        using var path = await _client.Http.GetAsync("/widgets/1");
        using var method = await _client.Http.DeleteAsync("/things/1");
        using var dotted = await _client.Http.GetAsync("/things/a/b.json");

        Assert.Multiple(async () =>
        {
            foreach (var response in new[] { path, method, dotted })
            {
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), response.RequestMessage!.RequestUri!.ToString());
                Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("no such thing"));
            }
            Assert.That(_simulator.Calls.All.Select(c => c.Route), Is.All.Null);
        });
    }

    [Test]
    public async Task Should_list_its_routes_and_control_routes_on_the_control_index()
    {
        var (status, index) = await _client.GetAsync("/_sim");

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((string?)index!["name"], Is.EqualTo("Things"));
            Assert.That((string?)index["baseUrl"], Is.EqualTo(_simulator.BaseUrl));
            Assert.That(index["routes"]!.AsArray().Select(r => $"{r!["method"]} {r["pattern"]} {r["name"]}"),
                Is.EquivalentTo(new[] { "GET /things things.list", "GET /things/slow things.slow", "GET /things/{id} things.get", "POST /things/{id} things.put" }));
            Assert.That(index["control"]!.AsArray().Select(r => (string?)r!["pattern"]), Does.Contain("/_sim/faults").And.Contain("/_sim/calls"));
            Assert.That(_simulator.Calls.Count, Is.Zero, "control calls are not logged");
        });
    }

    [Test]
    public async Task Should_answer_an_unknown_control_route_with_a_json_error()
    {
        var (status, body) = await _client.GetAsync("/_sim/nothing-here");

        Assert.That(status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((string?)body!["error"], Does.Contain("GET /_sim lists them"));
    }

    [Test]
    public async Task Should_log_a_call_when_it_finishes_and_still_tell_the_order_the_calls_arrived_in()
    {
        var slow = _client.Http.GetStringAsync("/things/slow");
        await _simulator.SlowArrived.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await _client.Http.GetStringAsync("/things/1");
        _simulator.SlowGate.SetResult();
        await slow;

        Assert.Multiple(() =>
        {
            Assert.That(_simulator.Calls.All.Select(c => c.Path), Is.EqualTo(new[] { "/things/1", "/things/slow" }), "finished first, logged first");
            Assert.That(_simulator.Calls.All.Select(c => c.Sequence), Is.Ordered, "a cursor over the log (since=N) misses no call");
            Assert.That(_simulator.Calls.ByArrival.Select(c => c.Path), Is.EqualTo(new[] { "/things/slow", "/things/1" }));
        });
    }

    [Test]
    public async Task Should_list_calls_since_a_sequence_number_filtered_by_route()
    {
        await _client.Http.GetStringAsync("/things/1");
        await _client.Http.GetStringAsync("/things");
        await _client.Http.PostAsync("/things/2", JsonContent.Create(new { colour = "blue" }));

        var (_, all) = await _client.GetAsync("/_sim/calls");
        var first = (long)all!.AsArray()[0]!["sequence"]!;
        var (_, after) = await _client.GetAsync($"/_sim/calls?since={first}");
        var (_, posts) = await _client.GetAsync("/_sim/calls?route=things.put");
        var (badStatus, _) = await _client.GetAsync("/_sim/calls?since=yesterday");
        var (clearStatus, _) = await _client.DeleteAsync("/_sim/calls");

        Assert.Multiple(() =>
        {
            Assert.That(all.AsArray(), Has.Count.EqualTo(3));
            Assert.That(after!.AsArray().Select(c => (string?)c!["path"]), Is.EqualTo(new[] { "/things", "/things/2" }));
            Assert.That((string?)posts!.AsArray().Single()!["requestBody"], Is.EqualTo("""{"colour":"blue"}"""));
            Assert.That(badStatus, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(clearStatus, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(_simulator.Calls.Count, Is.Zero);
        });
    }
}
