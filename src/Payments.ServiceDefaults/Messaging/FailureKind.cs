using System.ComponentModel.DataAnnotations;
using System.Data.Common;
using System.Net;
using System.Net.Sockets;
using Payments.ServiceDefaults.Failures;
using Polly;
using Polly.CircuitBreaker;
using Polly.RateLimiting;

namespace Payments.ServiceDefaults.Messaging;

/// <summary>What a consumer's exception says about trying again.</summary>
public enum FailureKind
{
    /// <summary>Likely a bug or an unforeseen case: a few quick retries (a race may pass), then the error queue for a person.</summary>
    Unknown,
    /// <summary>Expected to pass with time: quick retries, then delayed redelivery over minutes.</summary>
    Transient,
    /// <summary>Retrying cannot help: straight to the error queue with the reason.</summary>
    Permanent,
}

public static class FailureClassifier
{
    /// <summary>Walks the exception and its inner exceptions, outermost first; the first that tells decides.</summary>
    public static FailureKind Classify(Exception exception)
    {
        foreach (var e in Chain(exception))
        {
            var kind = ClassifyOne(e);
            if (kind != FailureKind.Unknown)
                return kind;
        }
        return FailureKind.Unknown;
    }

    /// <summary>
    /// The first wait hint in the chain: a <see cref="TransientFailureException"/>'s Retry-After, or how long an open circuit
    /// or a rate limiter of the HTTP pipeline asks to wait.
    /// </summary>
    public static TimeSpan? RetryAfter(Exception exception) =>
        Chain(exception).Select(e => e switch
        {
            TransientFailureException transient => transient.RetryAfter,
            BrokenCircuitException broken => broken.RetryAfter,
            RateLimiterRejectedException limited => limited.RetryAfter,
            _ => null,
        }).FirstOrDefault(r => r.HasValue);

    /// <summary>The outside system named by a <see cref="PermanentFailureException"/>, for logs and metrics.</summary>
    public static string? System(Exception exception) =>
        Chain(exception).OfType<PermanentFailureException>().Select(e => e.System).FirstOrDefault(s => s != null);

    static FailureKind ClassifyOne(Exception e) => e switch
    {
        PermanentFailureException or ValidationException => FailureKind.Permanent,
        TransientFailureException or TimeoutException or SocketException or IOException => FailureKind.Transient,
        // The HTTP pipeline refused the call (attempt time-out, open circuit, concurrency limit): the system may be fine again soon.
        ExecutionRejectedException => FailureKind.Transient,
        HttpRequestException http => ClassifyStatus(http.StatusCode),
        DbException db when db.IsTransient => FailureKind.Transient,
        MassTransit.ConcurrencyException => FailureKind.Transient,
        _ => FailureKind.Unknown,
    };

    // No status means the request never got an answer (refused, reset, DNS): worth another try.
    static FailureKind ClassifyStatus(HttpStatusCode? status) => status switch
    {
        null => FailureKind.Transient,
        HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests => FailureKind.Transient,
        >= HttpStatusCode.InternalServerError => FailureKind.Transient,
        >= HttpStatusCode.BadRequest => FailureKind.Permanent,
        _ => FailureKind.Unknown,
    };

    static IEnumerable<Exception> Chain(Exception exception)
    {
        var pending = new Stack<Exception>();
        pending.Push(exception);
        while (pending.Count > 0)
        {
            var e = pending.Pop();
            yield return e;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.Reverse())
                    pending.Push(inner);
            }
            else if (e.InnerException != null)
                pending.Push(e.InnerException);
        }
    }
}
