namespace Payments.ServiceDefaults.Failures;

/// <summary>A failure that is expected to pass (5xx, time-out, 429). <see cref="RetryAfter"/> carries the server's hint when it gave one.</summary>
public class TransientFailureException : Exception
{
    public TransientFailureException(string message, TimeSpan? retryAfter = null, Exception? inner = null)
        : base(message, inner) => RetryAfter = retryAfter;

    public TimeSpan? RetryAfter { get; }
}
