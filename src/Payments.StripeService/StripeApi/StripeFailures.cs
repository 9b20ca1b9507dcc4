using System.Net;
using Stripe;
using Payments.ServiceDefaults.Failures;

namespace Payments.StripeService.StripeApi;

/// <summary>
/// Sorts Stripe failures for the retry policy: what another attempt can fix (429, 409 concurrent idempotent request,
/// 5xx, no answer) is transient; every other 4xx (invalid request, authentication, permission, idempotency
/// conflict) will fail the same way again and is permanent.
/// </summary>
public static class StripeFailures
{
    public const string System = "Stripe";

    public static Exception Classify(Exception exception, string operation) => exception switch
    {
        StripeException stripe => Classify(stripe, operation),
        HttpRequestException http => new TransientFailureException($"{operation}: Stripe could not be reached ({http.Message}).", inner: http),
        OperationCanceledException timeout => new TransientFailureException($"{operation}: Stripe did not answer in time.", inner: timeout),
        _ => exception,
    };

    public static Exception Classify(StripeException exception, string operation)
    {
        var status = (int)exception.HttpStatusCode;
        var error = exception.StripeError;
        var what = $"{operation}: Stripe answered {status}{(error?.Type is { } type ? $" {type}" : "")}{(error?.Code is { } code ? $" ({code})" : "")}: {error?.Message ?? exception.Message}";
        if (status == 0 || status == 429 || status == (int)HttpStatusCode.Conflict || status >= 500)
            return new TransientFailureException(what, RetryAfter(exception), exception);
        return new PermanentFailureException(what, System, exception);
    }

    static TimeSpan? RetryAfter(StripeException exception) =>
        exception.StripeResponse?.Headers?.RetryAfter?.Delta;
}
