using System.Diagnostics;
using System.Net;
using Payments.Simulators.Shared.Faults;

namespace Payments.Simulators.Tests.Shared;

[TestFixture]
public class When_injecting_faults
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

    async Task<HttpStatusCode[]> GetTimesAsync(string path, int times)
    {
        var statuses = new HttpStatusCode[times];
        for (var i = 0; i < times; i++)
        {
            using var response = await _client.Http.GetAsync(path);
            statuses[i] = response.StatusCode;
        }
        return statuses;
    }

    [Test]
    public async Task Should_fail_the_next_N_calls_of_a_route_then_answer_normally()
    {
        _simulator.Faults.FailNext("things.get", Fault.Respond(503, "busy"), times: 2);

        using var first = await _client.Http.GetAsync("/things/1");
        var rest = await GetTimesAsync("/things/1", 2);
        using var other = await _client.Http.GetAsync("/things");

        Assert.Multiple(async () =>
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(await first.Content.ReadAsStringAsync(), Is.EqualTo("""{"failure":"busy"}"""), "the simulator's own error body");
            Assert.That(rest, Is.EqualTo(new[] { HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK }));
            Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.OK), "another route is not touched");
            Assert.That(_simulator.Faults.Pending("things.get"), Is.Zero);
            Assert.That(_simulator.Calls.All.Select(c => c.AnsweredByFault), Is.EqualTo(new[] { true, true, false, false }));
        });
    }

    [Test]
    public async Task Should_let_calls_pass_before_failing_when_asked()
    {
        _simulator.Faults.FailNext("things.get", Fault.Respond(500), times: 1, after: 2);

        var statuses = await GetTimesAsync("/things/1", 4);

        Assert.That(statuses, Is.EqualTo(new[] { HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.InternalServerError, HttpStatusCode.OK }));
    }

    [Test]
    public async Task Should_match_a_path_pattern_and_a_method()
    {
        _simulator.Faults.FailNext("/things/{id}", Fault.Respond(409), times: 5, method: "POST");

        using var get = await _client.Http.GetAsync("/things/1");
        using var list = await _client.Http.PostAsync("/things", new StringContent("x"));
        using var post = await _client.Http.PostAsync("/things/1", new StringContent("x"));

        Assert.Multiple(() =>
        {
            Assert.That(get.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(list.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "/things is not /things/{id}");
            Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(_simulator.Faults.Pending("/things/{id}"), Is.EqualTo(4));
        });
    }

    [Test]
    public async Task Should_match_every_path_under_a_wildcard()
    {
        _simulator.Faults.FailNext("/things*", Fault.Respond(500), times: 2);

        var statuses = new[] { (await _client.Http.GetAsync("/things")).StatusCode, (await _client.Http.GetAsync("/things/9")).StatusCode };

        Assert.That(statuses, Is.All.EqualTo(HttpStatusCode.InternalServerError));
    }

    [Test]
    public async Task Should_answer_with_the_faults_own_body_and_headers()
    {
        _simulator.Faults.FailNext("things.get", new Fault
        {
            Status = 429, Body = """{"error":"slow down"}""", Headers = new Dictionary<string, string> { ["Retry-After"] = "30" },
        });

        using var response = await _client.Http.GetAsync("/things/1");

        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
            Assert.That(response.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(30)));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
            Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("""{"error":"slow down"}"""));
        });
    }

    [Test]
    public async Task Should_delay_then_answer_normally()
    {
        _simulator.Faults.FailNext("things.get", Fault.Slow(TimeSpan.FromMilliseconds(600)));

        var watch = Stopwatch.StartNew();
        var body = await _client.Http.GetStringAsync("/things/1");
        watch.Stop();

        Assert.Multiple(() =>
        {
            Assert.That(body, Is.EqualTo("thing 1"));
            Assert.That(watch.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(550)));
            Assert.That(_simulator.Calls.All.Single().Fault, Does.StartWith("fault-"));
            Assert.That(_simulator.Calls.All.Single().AnsweredByFault, Is.False);
        });
    }

    [Test]
    public async Task Should_keep_working_on_a_delayed_call_whose_client_gave_up()
    {
        _simulator.Faults.FailNext("things.put", Fault.Slow(TimeSpan.FromMilliseconds(800)));
        using var impatient = new HttpClient { BaseAddress = new Uri(_simulator.BaseUrl), Timeout = TimeSpan.FromMilliseconds(200) };

        Assert.CatchAsync<TaskCanceledException>(() => impatient.PostAsync("/things/5", new StringContent("late")));
        await _simulator.WaitUntilIdleAsync();

        Assert.That(_simulator.Calls.All.Single().Route, Is.EqualTo("things.put"));
    }

    [Test]
    public async Task Should_drop_the_connection()
    {
        _simulator.Faults.FailNext("things.get", Fault.Drop());

        Assert.CatchAsync<HttpRequestException>(() => _client.Http.GetAsync("/things/1"));
        await _simulator.WaitUntilIdleAsync();

        Assert.That(await _client.Http.GetStringAsync("/things/1"), Is.EqualTo("thing 1"));
        Assert.That(_simulator.Calls.All[0].Dropped, Is.True);
    }

    [Test]
    public async Task Should_take_turns_between_rules_on_the_same_route()
    {
        _simulator.Faults.FailNext("things.get", Fault.Respond(500));
        _simulator.Faults.FailNext("things.get", Fault.Respond(502), after: 1);

        var statuses = await GetTimesAsync("/things/1", 4);

        Assert.That(statuses, Is.EqualTo(new[] { HttpStatusCode.InternalServerError, HttpStatusCode.OK, HttpStatusCode.BadGateway, HttpStatusCode.OK }));
    }

    [Test]
    public void Should_refuse_a_rule_that_can_never_strike()
    {
        Assert.Multiple(() =>
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => _simulator.Faults.FailNext("things.get", Fault.Respond(500), times: 0));
            Assert.Throws<ArgumentOutOfRangeException>(() => _simulator.Faults.FailNext("things.get", Fault.Respond(42)));
            Assert.Throws<ArgumentException>(() => _simulator.Faults.FailNext(" ", Fault.Respond(500)));
        });
    }

    [Test]
    public async Task Should_inject_list_remove_and_clear_faults_over_the_control_api()
    {
        var (created, rule) = await _client.PostAsync("/_sim/faults", new
        {
            route = "things.get", times = 2, status = 503, headers = new Dictionary<string, string> { ["Retry-After"] = "5" },
        });
        await _client.PostAsync("/_sim/faults", new { route = "/things/{id}", method = "POST", delayMs = 10 });
        using var struck = await _client.Http.GetAsync("/things/1");
        var (_, listed) = await _client.GetAsync("/_sim/faults");
        var (removed, _) = await _client.DeleteAsync($"/_sim/faults/{(string?)rule!["id"]}");
        var (missing, _) = await _client.DeleteAsync("/_sim/faults/fault-999");
        var (cleared, _) = await _client.DeleteAsync("/_sim/faults");

        Assert.Multiple(() =>
        {
            Assert.That(created, Is.EqualTo(HttpStatusCode.Created));
            Assert.That((int?)rule["faultsLeft"], Is.EqualTo(2));
            Assert.That(struck.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(struck.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(5)));
            Assert.That(listed!["rules"]!.AsArray().Select(r => ((string?)r!["route"], (int?)r["faultsLeft"], (int?)r["struck"])),
                Is.EqualTo(new (string?, int?, int?)[] { ("things.get", 1, 1), ("/things/{id}", 1, 0) }));
            Assert.That(removed, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(missing, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(cleared, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(_simulator.Faults.Rules, Is.Empty);
        });
    }

    [TestCase("""{"route":"things.get","tiems":2,"status":500}""", "tiems")]
    [TestCase("""{"route":"things.get","times":0,"status":500}""", "at least once")]
    [TestCase("""{"route":"things.get","status":"busy"}""", "not valid JSON")]
    [TestCase("not json", "not valid JSON")]
    public async Task Should_refuse_a_malformed_fault_with_a_clear_400(string json, string expected)
    {
        var (status, body) = await _client.PostRawAsync("/_sim/faults", json);

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((string?)body!["error"], Does.Contain(expected));
    }
}
