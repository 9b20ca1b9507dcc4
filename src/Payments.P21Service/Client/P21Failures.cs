using System.Net;
using System.Net.Http.Headers;
using Payments.ServiceDefaults.Failures;
using Polly;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Timeout;
using Refit;

namespace Payments.P21Service.Client;

/// <summary>
/// Sorts what went wrong talking to P21 into transient (5xx, 408, 429, time-outs, network, a 401 that outlived every fresh token: retry)
/// and permanent (other 4xx: fix something first; bad credentials and missing permissions are reported by the token provider and the
/// auth handler). A time-out is transient even on a create: the retry first looks the order up by its reference.
/// What the HTTP pipeline refuses (attempt time-out, open circuit, concurrency limit; see ServiceDefaults/Http) is transient too.
/// </summary>
public static class P21Failures
{
    public static async Task<T> CallAsync<T>(string what, Func<Task<T>> call, TimeProvider time, CancellationToken cancellationToken)
    {
        try
        {
            return await call();
        }
        catch (ApiException e)
        {
            throw FromStatus(what, e.StatusCode, e.Content, e.Headers.RetryAfter, time, e);
        }
        catch (ApiRequestException e) when (e.InnerException is PermanentFailureException or TransientFailureException)
        {
            // Our own handler's verdict (e.g. the token request was refused), wrapped by Refit: pass it on unchanged.
            throw e.InnerException!;
        }
        catch (ApiRequestException e) when (e.InnerException is OperationCanceledException && cancellationToken.IsCancellationRequested)
        {
            throw Canceled(e.InnerException!, cancellationToken);
        }
        catch (ApiRequestException e) when (e.InnerException is ExecutionRejectedException rejected)
        {
            throw Rejected(what, rejected);
        }
        catch (ExecutionRejectedException e)
        {
            throw Rejected(what, e);
        }
        catch (ApiRequestException e) when (e.InnerException is OperationCanceledException or TimeoutException)
        {
            throw new TransientFailureException($"P21 did not answer {what} within the time-out.", null, e.InnerException);
        }
        catch (ApiRequestException e)
        {
            throw new TransientFailureException($"P21 could not be reached for {what}: {e.InnerException?.Message ?? e.Message}", null, e.InnerException ?? e);
        }
        catch (HttpRequestException e)
        {
            throw new TransientFailureException($"P21 could not be reached for {what}: {e.Message}", null, e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TransientFailureException($"P21 did not answer {what} within the time-out.", null, e);
        }
        catch (OperationCanceledException e) when (cancellationToken.IsCancellationRequested && e.CancellationToken != cancellationToken)
        {
            throw Canceled(e, cancellationToken);
        }
    }

    /// <summary>
    /// The caller's cancellation, carrying the caller's token. MassTransit hands a cancellation of the consume context's own token back to
    /// the transport (the message is not consumed and comes again), but turns one with any other token into a ConsumerCanceledException:
    /// a fault, and the message in <c>_error</c>. HttpClient and Refit cancel with linked tokens of their own, so their cancellation has to
    /// be re-thrown with ours (the full chaos run left two orders in <c>post-p21-order_error</c> that way).
    /// </summary>
    static OperationCanceledException Canceled(Exception inner, CancellationToken cancellationToken) =>
        new($"The P21 call was canceled: {inner.Message}", inner, cancellationToken);

    static TransientFailureException Rejected(string what, ExecutionRejectedException rejected) => rejected switch
    {
        TimeoutRejectedException timeout => new TransientFailureException($"P21 did not answer {what} within the time-out ({timeout.Timeout.TotalSeconds:0.#} s).", null, timeout),
        BrokenCircuitException broken => new TransientFailureException(
            $"P21 calls are paused after repeated failures (circuit open); {what} was not sent.", broken.RetryAfter, broken),
        RateLimiterRejectedException limited => new TransientFailureException(
            $"Too many P21 calls are waiting in this process (P21:Http:MaxQueuedRequests); {what} was not sent.", limited.RetryAfter, limited),
        _ => new TransientFailureException($"P21 call refused by the HTTP pipeline for {what}: {rejected.Message}", null, rejected),
    };

    static Exception FromStatus(string what, HttpStatusCode status, string? content, RetryConditionHeaderValue? retryAfter, TimeProvider time, Exception inner)
    {
        var code = (int)status;
        var detail = string.IsNullOrWhiteSpace(content) ? "" : ": " + Truncate(content, 500);
        return status switch
        {
            HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError
                => new TransientFailureException($"P21 answered {code} to {what}{detail}", RetryAfter(retryAfter, time), inner),
            // The auth handler asked for fresh tokens and P21 ended each session again: someone else on the same API user (another
            // replica, another integration) is asking for tokens too (docs/external-apis/p21.md#tokens). Bad credentials fail at the
            // token request, and a missing permission is reported by the handler; this one may pass.
            HttpStatusCode.Unauthorized
                => new TransientFailureException(
                    $"P21 ended our session for {what} again after every fresh token (401{detail}); another client on the same API user may be "
                    + "asking for tokens at the same time (give each replica its own API user or consumer key).", null, inner),
            // OData answers 404 for an unknown column or a mistyped literal: a configuration or code error, not a passing state.
            _ => new PermanentFailureException($"P21 answered {code} to {what}{detail}", "P21", inner),
        };
    }

    public static TimeSpan? RetryAfter(RetryConditionHeaderValue? header, TimeProvider time)
    {
        if (header?.Delta is { } delta) return delta;
        if (header?.Date is { } date)
        {
            var wait = date - time.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
        return null;
    }

    static string Truncate(string text, int length) => text.Length <= length ? text : text[..length] + "…";
}
