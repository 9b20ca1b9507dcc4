using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Payments.Simulators.P21;

namespace Payments.Simulators.Tests.P21;

/// <summary>
/// P21 serves the Transaction API from a small pool of API instances; a call waits for one up to the pool wait, and keeps its place
/// when its client gives up (docs/external-apis/p21.md#session-pool-and-limits).
/// </summary>
[TestFixture]
public class When_p21s_session_pool_is_busy
{
    static readonly JsonSerializerOptions PascalCase = new();

    static async Task<HttpClient> ClientAsync(P21Simulator simulator, TimeSpan? timeout = null)
    {
        var http = new HttpClient { BaseAddress = new Uri(simulator.BaseUrl), Timeout = timeout ?? TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var token = await http.PostAsJsonAsync("/api/security/token/v2", new { username = "api_user", password = "api_password" });
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (string?)JsonNode.Parse(await token.Content.ReadAsStringAsync())!["AccessToken"]);
        return http;
    }

    static object Order(string reference) => new
    {
        Name = "Order",
        Transactions = new[]
        {
            new
            {
                Status = "New",
                DataElements = new object[]
                {
                    new { Name = "TABPAGE_1.order", Type = "Form", Keys = Array.Empty<string>(), Rows = new[] { new { Edits = new[]
                    {
                        new { Name = "customer_id", Value = "100198" }, new { Name = "source_loc_id", Value = "10" }, new { Name = "ship_to_id", Value = "100198" },
                        new { Name = "web_reference_no", Value = reference },
                    } } } },
                    new { Name = "TP_ITEMS.items", Type = "List", Keys = Array.Empty<string>(), Rows = new[] { new { Edits = new[]
                    {
                        new { Name = "oe_order_item_id", Value = "WIDGET-001" }, new { Name = "unit_quantity", Value = "1" },
                    } } } },
                },
            },
        },
    };

    [Test]
    public async Task Should_queue_an_order_behind_busy_instances_and_create_it_after_its_client_gave_up()
    {
        await using var simulator = await P21Simulator.StartAsync(new P21SimulatorOptions { SessionPoolSize = 2, SessionPoolWait = TimeSpan.FromSeconds(10) });
        using var impatient = await ClientAsync(simulator, TimeSpan.FromMilliseconds(300));
        simulator.Pool.Occupy(2, TimeSpan.FromSeconds(1.5));

        Assert.CatchAsync<TaskCanceledException>(() => impatient.PostAsJsonAsync("/uiserver0/api/v2/transaction", Order("ch_pool_queued"), PascalCase));
        var createdWhileWaiting = simulator.Store.FindOrdersByReference("ch_pool_queued").Count;
        await simulator.WaitUntilIdleAsync();

        var pool = simulator.Pool.State;
        Assert.Multiple(() =>
        {
            Assert.That(createdWhileWaiting, Is.Zero, "still waiting for an instance when the client gave up");
            Assert.That(simulator.Store.FindOrdersByReference("ch_pool_queued"), Has.Count.EqualTo(1), "created once an instance came free");
            Assert.That(pool.PeakWaiting, Is.EqualTo(1));
            Assert.That(pool.PeakInUse, Is.EqualTo(2));
            Assert.That(pool.Refused, Is.Zero);
        });
    }

    [Test]
    public async Task Should_hold_an_instance_for_the_latency_of_each_call_as_set_over_the_control_api()
    {
        await using var simulator = await P21Simulator.StartAsync(new P21SimulatorOptions { SessionPoolSize = 1, SessionPoolWait = TimeSpan.FromMilliseconds(300) });
        using var control = new ControlClient(simulator.BaseUrl);
        var (configured, state) = await control.PutAsync("/_sim/pool", new { latencySeconds = 2 });
        using var http = await ClientAsync(simulator);

        var first = http.PostAsJsonAsync("/uiserver0/api/v2/transaction", Order("ch_latency_first"), PascalCase);
        await Task.Delay(100);
        using var second = await http.PostAsJsonAsync("/uiserver0/api/v2/transaction", Order("ch_latency_second"), PascalCase);
        using var firstAnswer = await first;

        Assert.Multiple(() =>
        {
            Assert.That(configured, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((double?)state!["latencySeconds"], Is.EqualTo(2));
            Assert.That(firstAnswer.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError), "the only instance was held for the first call's latency");
            Assert.That(simulator.Pool.State.Refused, Is.EqualTo(1));
            Assert.That(simulator.Store.FindOrdersByReference("ch_latency_first"), Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task Should_answer_500_when_no_instance_comes_free_within_the_pool_wait()
    {
        await using var simulator = await P21Simulator.StartAsync(new P21SimulatorOptions { SessionPoolSize = 1, SessionPoolWait = TimeSpan.FromMilliseconds(400) });
        using var http = await ClientAsync(simulator);
        simulator.Pool.Occupy(1, TimeSpan.FromSeconds(3));
        await Task.Delay(100);

        using var response = await http.PostAsJsonAsync("/uiserver0/api/v2/transaction", Order("ch_pool_refused"), PascalCase);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
            Assert.That(body, Does.Contain("waiting for an available API instance"));
            Assert.That(simulator.Store.FindOrdersByReference("ch_pool_refused"), Is.Empty);
            Assert.That(simulator.Pool.State.Refused, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Should_serve_odata_and_tokens_outside_the_pool()
    {
        await using var simulator = await P21Simulator.StartAsync(new P21SimulatorOptions { SessionPoolSize = 1, SessionPoolWait = TimeSpan.FromSeconds(10) });
        simulator.Pool.Occupy(1, TimeSpan.FromSeconds(5));
        await Task.Delay(100);
        using var http = await ClientAsync(simulator, TimeSpan.FromSeconds(2));

        using var items = await http.GetAsync("/odataservice/odata/table/inv_mast?$filter=item_id eq 'WIDGET-001'");

        Assert.That(items.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Should_show_resize_and_occupy_the_pool_over_the_control_api()
    {
        await using var simulator = await P21Simulator.StartAsync();
        using var control = new ControlClient(simulator.BaseUrl);

        var (_, initial) = await control.GetAsync("/_sim/pool");
        var (resized, afterResize) = await control.PutAsync("/_sim/pool", new { size = 3, waitSeconds = 2.5 });
        var (occupied, afterOccupy) = await control.PostAsync("/_sim/pool/occupy", new { instances = 3, seconds = 1 });
        var (refused, error) = await control.PutAsync("/_sim/pool", new { size = 0 });

        Assert.Multiple(() =>
        {
            Assert.That((int?)initial!["size"], Is.EqualTo(5), "P21's default");
            Assert.That((double?)initial["waitSeconds"], Is.EqualTo(60));
            Assert.That(resized, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((int?)afterResize!["size"], Is.EqualTo(3));
            Assert.That((double?)afterResize["waitSeconds"], Is.EqualTo(2.5));
            Assert.That(occupied, Is.EqualTo(HttpStatusCode.Accepted));
            Assert.That((int?)afterOccupy!["inUse"], Is.EqualTo(3));
            Assert.That(refused, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That((string?)error!["error"], Does.Contain("size"));
        });
    }
}
