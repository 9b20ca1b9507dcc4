using System.Net;
using Payments.Simulators.Shared.Faults;

namespace Payments.Simulators.Tests.Shared;

[TestFixture]
public class When_the_simulator_is_down
{
    ManualTimeProvider _clock = null!;
    ThingsSimulator _simulator = null!;
    ControlClient _client = null!;

    [SetUp]
    public async Task Start()
    {
        _clock = ManualTimeProvider.At("2026-03-10T12:00:00Z");
        _simulator = await ThingsSimulator.StartAsync(_clock);
        _client = new ControlClient(_simulator.BaseUrl);
    }

    [TearDown]
    public async Task Stop()
    {
        _client.Dispose();
        await _simulator.DisposeAsync();
    }

    [Test]
    public async Task Should_answer_503_to_every_call_until_the_outage_ends()
    {
        _simulator.Faults.GoDown(TimeSpan.FromSeconds(30), retryAfter: TimeSpan.FromSeconds(10));

        using var during = await _client.Http.GetAsync("/things/1");
        using var unknown = await _client.Http.GetAsync("/nowhere");
        _clock.Advance(TimeSpan.FromSeconds(29));
        using var stillDown = await _client.Http.GetAsync("/things");
        _clock.Advance(TimeSpan.FromSeconds(2));
        using var after = await _client.Http.GetAsync("/things/1");

        Assert.Multiple(() =>
        {
            Assert.That(during.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(during.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(10)));
            Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(stillDown.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(_simulator.Faults.CurrentOutage, Is.Null);
            Assert.That(_simulator.Calls.All.Select(c => c.Fault), Is.EqualTo(new[] { "outage", "outage", "outage", null }));
        });
    }

    [Test]
    public async Task Should_drop_every_connection_during_a_refusing_outage()
    {
        _simulator.Faults.GoDown(TimeSpan.FromMinutes(1), OutageMode.DropConnections);

        Assert.CatchAsync<HttpRequestException>(() => _client.Http.GetAsync("/things/1"));
        _simulator.Faults.ComeBackUp();

        Assert.That(await _client.Http.GetStringAsync("/things/1"), Is.EqualTo("thing 1"));
    }

    [Test]
    public async Task Should_keep_the_control_api_up_and_start_and_end_outages_through_it()
    {
        var (started, outage) = await _client.PostAsync("/_sim/outage", new { seconds = 60, mode = "unavailable", retryAfterSeconds = 15 });
        using var down = await _client.Http.GetAsync("/things/1");
        var (_, shown) = await _client.GetAsync("/_sim/faults");
        var (ended, _) = await _client.DeleteAsync("/_sim/outage");
        using var up = await _client.Http.GetAsync("/things/1");

        Assert.Multiple(() =>
        {
            Assert.That(started, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(DateTimeOffset.Parse((string)outage!["outage"]!["until"]!, System.Globalization.CultureInfo.InvariantCulture),
                Is.EqualTo(_clock.GetUtcNow().AddSeconds(60)));
            Assert.That(down.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That((string?)shown!["outage"]!["mode"], Is.EqualTo("unavailable"));
            Assert.That(ended, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(up.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task Should_refuse_an_outage_without_a_duration()
    {
        var (status, body) = await _client.PostAsync("/_sim/outage", new { mode = "dropConnections" });

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((string?)body!["error"], Does.Contain("seconds"));
    }
}
