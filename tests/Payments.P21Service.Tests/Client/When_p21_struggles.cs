using Payments.P21Service.Client;
using Payments.P21Service.Client.Transactions;
using Payments.P21Service.SalesOrders;
using Payments.ServiceDefaults.Failures;
using Payments.ServiceDefaults.Messaging;
using Payments.Simulators.P21.Faults;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Timeout;

namespace Payments.P21Service.Tests.Client;

/// <summary>
/// The outbound pipeline (P21:Http, P21:RequestTimeout): what it refuses reaches the message pipeline as a transient failure, and
/// it never retries on its own.
/// </summary>
[TestFixture]
public class When_p21_struggles
{
    static Task<T> CallAsync<T>(P21Harness harness, Func<IP21Api, Task<T>> call) =>
        P21Failures.CallAsync("a test call", () => call(harness.Get<IP21Api>()), TimeProvider.System, CancellationToken.None);

    static Task<ODataResult<ItemRow>> QueryItemsAsync(P21Harness harness) =>
        CallAsync(harness, api => api.QueryItemsAsync("item_id eq 'WIDGET-001'", null, null, CancellationToken.None));

    int ODataCalls(P21Harness harness) => harness.Simulator.Requests.Count(r => r.Route == P21Route.OData);

    [Test]
    public async Task Should_open_the_circuit_after_repeated_failures_and_refuse_calls_without_sending_them()
    {
        await using var harness = await P21Harness.StartAsync(settings: s =>
        {
            s["P21:Http:BreakMinimumThroughput"] = "2";
            s["P21:Http:BreakFailureRatio"] = "0.5";
            s["P21:Http:BreakDuration"] = "00:01:00";
        });
        harness.Simulator.Faults.Inject(P21Route.OData, P21Fault.ServerError(), times: 2);

        var first = Assert.ThrowsAsync<TransientFailureException>(() => QueryItemsAsync(harness))!;
        var second = Assert.ThrowsAsync<TransientFailureException>(() => QueryItemsAsync(harness))!;
        var callsBefore = ODataCalls(harness);
        var refused = Assert.ThrowsAsync<TransientFailureException>(() => QueryItemsAsync(harness))!;

        Assert.Multiple(() =>
        {
            Assert.That(first.Message, Does.Contain("500"));
            Assert.That(second.Message, Does.Contain("500"), "no retry inside the pipeline: each call met one fault");
            Assert.That(refused.InnerException, Is.InstanceOf<BrokenCircuitException>());
            Assert.That(ODataCalls(harness), Is.EqualTo(callsBefore), "an open circuit sends nothing");
            Assert.That(FailureClassifier.Classify(refused), Is.EqualTo(FailureKind.Transient));
            Assert.That(refused.RetryAfter, Is.GreaterThan(TimeSpan.Zero).And.LessThanOrEqualTo(TimeSpan.FromMinutes(1)), "the remaining break");
        });
    }

    /// <summary>An order's Transaction API call (served from P21's session pool), through the named client and the failure mapping.</summary>
    static async Task<TransactionResponse> PostOrderAsync(P21Harness harness)
    {
        var set = SalesOrderSet.For(P21Harness.Payment(), 100210, 100210, [new SalesOrderLine("STRIPE-SALE", 1, 50m)],
            new SalesOrderOptions { SalesLocationId = 10, SourceLocationId = 10 }, TimeZoneInfo.Utc);
        var api = await harness.Get<P21UiServer>().TransactionApiAsync(CancellationToken.None);
        return await P21Failures.CallAsync("a test order", () => api.PostAsync(set, CancellationToken.None), TimeProvider.System, CancellationToken.None);
    }

    [Test]
    public async Task Should_refuse_a_call_beyond_the_concurrency_limit_and_its_queue_as_transient()
    {
        await using var harness = await P21Harness.StartAsync(settings: s =>
        {
            s["P21:Http:MaxConcurrentRequests"] = "1";
            s["P21:Http:MaxQueuedRequests"] = "0";
        });
        await PostOrderAsync(harness); // token, router and connection ready, so the slow call below holds the only slot
        harness.Simulator.Pool.Latency = TimeSpan.FromSeconds(2);

        var slow = PostOrderAsync(harness);
        await Task.Delay(300);
        var refused = Assert.ThrowsAsync<TransientFailureException>(() => PostOrderAsync(harness))!;
        var lookUp = await QueryItemsAsync(harness);
        var answered = await slow;

        Assert.Multiple(() =>
        {
            Assert.That(refused.InnerException, Is.InstanceOf<RateLimiterRejectedException>());
            Assert.That(FailureClassifier.Classify(refused), Is.EqualTo(FailureKind.Transient));
            Assert.That(answered.Summary?.Succeeded, Is.EqualTo(1), "the call holding the slot still completes");
            Assert.That(lookUp.Value.Single().ItemId, Is.EqualTo("WIDGET-001"), "a look-up (not served from P21's pool) waited for the pooled call's slot");
        });
    }

    [Test]
    public async Task Should_end_a_call_at_the_request_time_out_as_transient()
    {
        await using var harness = await P21Harness.StartAsync(settings: s => s["P21:RequestTimeout"] = "00:00:01");
        await QueryItemsAsync(harness);
        harness.Simulator.Faults.Inject(P21Route.OData, P21Fault.Slow(TimeSpan.FromSeconds(3)));

        var started = DateTimeOffset.UtcNow;
        var error = Assert.ThrowsAsync<TransientFailureException>(() => QueryItemsAsync(harness))!;
        var took = DateTimeOffset.UtcNow - started;

        Assert.Multiple(() =>
        {
            Assert.That(error.InnerException, Is.InstanceOf<TimeoutRejectedException>());
            Assert.That(error.Message, Does.Contain("within the time-out"));
            Assert.That(took, Is.LessThan(TimeSpan.FromSeconds(2.5)), "cut off at the time-out, not when P21 answered");
            Assert.That(FailureClassifier.Classify(error), Is.EqualTo(FailureKind.Transient));
        });
    }
}
