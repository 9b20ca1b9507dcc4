using MassTransit;
using MassTransit.RetryPolicies;

namespace Payments.ServiceDefaults.Messaging;

/// <summary>
/// Retries at the given intervals, but never sooner than a <see cref="Failures.TransientFailureException.RetryAfter"/> hint.
/// A hint longer than <paramref name="maxDelay"/> ends the retries here, so the next stage (redelivery, or the error queue) takes over
/// instead of holding the message in memory.
/// </summary>
public sealed class BackoffRetryPolicy(IExceptionFilter filter, TimeSpan[] intervals, TimeSpan? maxDelay = null) : IRetryPolicy
{
    public TimeSpan[] Intervals { get; } = intervals;

    public RetryPolicyContext<T> CreatePolicyContext<T>(T context) where T : class, PipeContext => new PolicyContext<T>(this, context);

    public bool IsHandled(Exception exception) => filter.Match(exception);

    public void Probe(ProbeContext context)
    {
        context.Set(new { Policy = "Backoff", Limit = Intervals.Length, Intervals, MaxDelay = maxDelay });
        filter.Probe(context);
    }

    /// <summary>The wait before retry <paramref name="retryCount"/> (0-based), or null when no retry is left or the hint is too long.</summary>
    TimeSpan? DelayFor(int retryCount, Exception exception)
    {
        if (retryCount >= Intervals.Length)
            return null;
        var delay = Intervals[retryCount];
        var hint = FailureClassifier.RetryAfter(exception);
        if (hint > delay)
            delay = hint.Value;
        return maxDelay.HasValue && delay > maxDelay.Value ? null : delay;
    }

    sealed class PolicyContext<T>(BackoffRetryPolicy policy, T context) : BaseRetryPolicyContext<T>(policy, context)
        where T : class, PipeContext
    {
        protected override RetryContext<T> CreateRetryContext(Exception exception, CancellationToken cancellationToken) =>
            new Attempt<T>(policy, Context, exception, 0, cancellationToken);

        public override bool CanRetry(Exception exception, out RetryContext<T> retryContext)
        {
            var handled = base.CanRetry(exception, out retryContext);
            return handled && policy.DelayFor(0, exception).HasValue;
        }
    }

    sealed class Attempt<T>(BackoffRetryPolicy policy, T context, Exception exception, int retryCount, CancellationToken cancellationToken)
        : BaseRetryContext<T>(context, exception, retryCount, cancellationToken), RetryContext<T>
        where T : class, PipeContext
    {
        public override TimeSpan? Delay => policy.DelayFor(RetryCount, Exception) ?? TimeSpan.Zero;

        public bool CanRetry(Exception exception, out RetryContext<T> retryContext)
        {
            retryContext = new Attempt<T>(policy, Context, exception, RetryCount + 1, CancellationToken);
            return policy.IsHandled(exception) && policy.DelayFor(RetryCount + 1, exception).HasValue;
        }
    }
}
