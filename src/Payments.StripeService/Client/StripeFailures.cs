using System.Net;
using Payments.ServiceDefaults.Failures;
using Polly;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Timeout;
using Stripe;

namespace Payments.StripeService.Client;

/// <summary>
/// Sorts Stripe failures for the retry policy: what another attempt can fix (429 including <c>lock_timeout</c>, 409
/// <c>idempotency_key_in_use</c>, 5xx, any answer with <c>Stripe-Should-Retry: true</c>, no answer, and what our HTTP pipeline
/// refused: attempt time-out, open circuit, concurrency limit) is transient; every other 4xx (invalid request, authentication,
/// permission, idempotency conflict) will fail the same way again and is permanent. A 5xx with <c>Stripe-Should-Retry: false</c> is a
/// <c>500</c> Stripe stored against the idempotency key: still transient for us, because every attempt sends a key of its own
/// (docs/external-apis/stripe.md#idempotency), and the message says so.
/// </summary>
public static class StripeFailures
{
    public const string System = "Stripe";

    /// <summary>Whether <paramref name="exception"/> is Stripe's, the network's or the pipeline's (not our caller's cancellation, not a bug).</summary>
    public static bool IsFromStripeCall(Exception exception, CancellationToken cancellationToken) =>
        exception is StripeException or HttpRequestException or ExecutionRejectedException
        || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    public static Exception Classify(Exception exception, string operation) => exception switch
    {
        StripeException stripe => Classify(stripe, operation),
        TimeoutRejectedException timeout => new TransientFailureException(
            $"{operation}: Stripe did not answer within the time-out ({timeout.Timeout.TotalSeconds:0.#} s).", inner: timeout),
        BrokenCircuitException broken => new TransientFailureException(
            $"{operation}: Stripe calls are paused after repeated failures (circuit open); not sent.", broken.RetryAfter, broken),
        RateLimiterRejectedException limited => new TransientFailureException(
            $"{operation}: too many Stripe calls are waiting in this process (Stripe:Http:MaxQueuedRequests); not sent.", limited.RetryAfter, limited),
        HttpRequestException http => new TransientFailureException($"{operation}: Stripe could not be reached ({http.Message}).", inner: http),
        OperationCanceledException timeout => new TransientFailureException($"{operation}: Stripe did not answer in time.", inner: timeout),
        _ => exception,
    };

    public static Exception Classify(StripeException exception, string operation)
    {
        var status = (int)exception.HttpStatusCode;
        var error = exception.StripeError;
        var shouldRetry = Header(exception, "Stripe-Should-Retry");
        var what = $"{operation}: Stripe answered {status}{(error?.Type is { } type ? $" {type}" : "")}{(error?.Code is { } code ? $" ({code})" : "")}: {error?.Message ?? exception.Message}"
                   + (Header(exception, "Idempotent-Replayed") == "true" ? " (the answer stored against this idempotency key, replayed)" : "")
                   + (shouldRetry == "false" ? " Stripe-Should-Retry: false: a retry with the same idempotency key cannot succeed; the next attempt sends a key of its own." : "");
        if (shouldRetry == "true" || status == 0 || status == 429 || status == (int)HttpStatusCode.Conflict || status >= 500)
            return new TransientFailureException(what, RetryAfter(exception), exception);
        return new PermanentFailureException(what, System, exception);
    }

    static string? Header(StripeException exception, string name) =>
        exception.StripeResponse?.Headers is { } headers && headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    static TimeSpan? RetryAfter(StripeException exception) =>
        exception.StripeResponse?.Headers?.RetryAfter?.Delta;
}
