using System.ComponentModel.DataAnnotations;
using System.Net;
using MassTransit;
using MassTransit.Middleware;
using MassTransit.RetryPolicies;
using MassTransit.RetryPolicies.ExceptionFilters;
using Payments.ServiceDefaults.Failures;
using Payments.ServiceDefaults.Messaging;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Timeout;

namespace Payments.Integration.Tests.Messaging;

[TestFixture]
public class When_classifying_failures
{
    static IEnumerable<TestCaseData> Cases()
    {
        yield return new TestCaseData(new PermanentFailureException("credit hold", "P21"), FailureKind.Permanent).SetName("Should_treat_a_PermanentFailureException_as_permanent");
        yield return new TestCaseData(new ValidationException("amount must be positive"), FailureKind.Permanent).SetName("Should_treat_a_validation_error_as_permanent");
        yield return new TestCaseData(new HttpRequestException("bad request", null, HttpStatusCode.BadRequest), FailureKind.Permanent).SetName("Should_treat_a_4xx_as_permanent");
        yield return new TestCaseData(new TransientFailureException("503"), FailureKind.Transient).SetName("Should_treat_a_TransientFailureException_as_transient");
        yield return new TestCaseData(new HttpRequestException("unavailable", null, HttpStatusCode.ServiceUnavailable), FailureKind.Transient).SetName("Should_treat_a_5xx_as_transient");
        yield return new TestCaseData(new HttpRequestException("too many", null, HttpStatusCode.TooManyRequests), FailureKind.Transient).SetName("Should_treat_a_429_as_transient");
        yield return new TestCaseData(new HttpRequestException("connection refused"), FailureKind.Transient).SetName("Should_treat_an_unanswered_request_as_transient");
        yield return new TestCaseData(new TaskCanceledException("timed out", new TimeoutException()), FailureKind.Transient).SetName("Should_treat_an_HttpClient_timeout_as_transient");
        yield return new TestCaseData(new InvalidOperationException("wrapped", new PermanentFailureException("refused")), FailureKind.Permanent).SetName("Should_look_inside_wrapping_exceptions");
        // What the outbound HTTP pipeline (ServiceDefaults/Http) refuses, even where a client lets it through unwrapped.
        yield return new TestCaseData(new TimeoutRejectedException(TimeSpan.FromSeconds(30)), FailureKind.Transient).SetName("Should_treat_an_attempt_time_out_as_transient");
        yield return new TestCaseData(new BrokenCircuitException(TimeSpan.FromSeconds(20)), FailureKind.Transient).SetName("Should_treat_an_open_circuit_as_transient");
        yield return new TestCaseData(new RateLimiterRejectedException(TimeSpan.FromSeconds(1)), FailureKind.Transient).SetName("Should_treat_a_rate_limiter_rejection_as_transient");
        yield return new TestCaseData(new HttpRequestException("wrapped", new BrokenCircuitException()), FailureKind.Transient).SetName("Should_treat_a_wrapped_pipeline_rejection_as_transient");
        yield return new TestCaseData(new NullReferenceException(), FailureKind.Unknown).SetName("Should_leave_a_bug_unknown");
    }

    [TestCaseSource(nameof(Cases))]
    public void Classify(Exception exception, FailureKind expected) =>
        Assert.That(FailureClassifier.Classify(exception), Is.EqualTo(expected));

    [Test]
    public void Should_take_the_wait_an_open_circuit_asks_for_as_the_retry_after()
    {
        Assert.Multiple(() =>
        {
            Assert.That(FailureClassifier.RetryAfter(new InvalidOperationException("wrapped", new BrokenCircuitException(TimeSpan.FromSeconds(20)))), Is.EqualTo(TimeSpan.FromSeconds(20)));
            Assert.That(FailureClassifier.RetryAfter(new RateLimiterRejectedException(TimeSpan.FromSeconds(3))), Is.EqualTo(TimeSpan.FromSeconds(3)));
        });
    }

    [Test]
    public void Should_wait_at_least_as_long_as_the_servers_retry_after()
    {
        var policy = new BackoffRetryPolicy(new AllExceptionFilter(), [TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100)], TimeSpan.FromSeconds(30));
        var context = policy.CreatePolicyContext(new TestPipeContext());

        Assert.That(context.CanRetry(new TransientFailureException("429", TimeSpan.FromSeconds(7)), out var retry), Is.True);
        Assert.That(retry.Delay, Is.EqualTo(TimeSpan.FromSeconds(7)));
    }

    [Test]
    public void Should_leave_a_retry_after_longer_than_the_in_memory_limit_to_redelivery()
    {
        var policy = new BackoffRetryPolicy(new AllExceptionFilter(), [TimeSpan.FromMilliseconds(100)], TimeSpan.FromSeconds(30));
        var context = policy.CreatePolicyContext(new TestPipeContext());

        Assert.That(context.CanRetry(new TransientFailureException("429", TimeSpan.FromMinutes(5)), out _), Is.False);
    }

    [Test]
    public void Should_stop_after_the_last_interval()
    {
        var policy = new BackoffRetryPolicy(new AllExceptionFilter(), [TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200)]);
        var context = policy.CreatePolicyContext(new TestPipeContext());
        var failure = new TransientFailureException("503");

        Assert.That(context.CanRetry(failure, out var first), Is.True);
        Assert.That(first.Delay, Is.EqualTo(TimeSpan.FromMilliseconds(100)));
        Assert.That(first.CanRetry(failure, out var second), Is.True);
        Assert.That(second.Delay, Is.EqualTo(TimeSpan.FromMilliseconds(200)));
        Assert.That(second.CanRetry(failure, out _), Is.False);
    }

    sealed class TestPipeContext : BasePipeContext, PipeContext;
}
