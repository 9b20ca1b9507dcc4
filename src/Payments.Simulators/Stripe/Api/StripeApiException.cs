using System.Text.Json.Nodes;

namespace Payments.Simulators.Stripe.Api;

/// <summary>Thrown by a handler to answer with Stripe's error object instead of a result.</summary>
public sealed class StripeApiException(StripeResponse response) : Exception(response.Body["error"]?["message"]?.GetValue<string>())
{
    public StripeResponse Response { get; } = response;
}

/// <summary>Stripe's error envelope: <c>{"error": {"type", "message", "code", "param", "decline_code", …}}</c> (docs.stripe.com/api/errors).</summary>
public static class StripeErrors
{
    /// <summary>400 <c>invalid_request_error</c> for a parameter; nothing is stored against the idempotency key.</summary>
    public static StripeApiException Invalid(string param, string message, string? code = null) =>
        new(Error(400, "invalid_request_error", message, code, param) with { IsValidationError = true });

    public static StripeApiException UnknownParameter(string param) => Invalid(param, $"Received unknown parameter: {param}", "parameter_unknown");

    public static StripeApiException Missing(string param) => Invalid(param, $"Missing required param: {param}.", "parameter_missing");

    /// <summary>404 <c>resource_missing</c>, e.g. "No such charge: 'ch_x'".</summary>
    public static StripeApiException NoSuch(string what, string id, string param = "id") =>
        new(Error(404, "invalid_request_error", $"No such {what}: '{id}'", "resource_missing", param));

    /// <summary>400 <c>invalid_request_error</c> that is not a parameter's fault (the request executed and was refused).</summary>
    public static StripeApiException Refused(string message, string? code = null, string? param = null) =>
        new(Error(400, "invalid_request_error", message, code, param));

    /// <summary>
    /// 409 <c>idempotency_key_in_use</c> with <c>Stripe-Should-Retry: true</c>: another request with the same key is still executing;
    /// nothing is stored, so the same request may be sent again.
    /// </summary>
    public static StripeResponse KeyInUse(string? message = null) =>
        Error(409, "idempotency_error", message ?? "There is currently another in-progress request using this Idempotency Key (that probably means you submitted twice, and the other request is still going through). Please try again later.",
            code: "idempotency_key_in_use").WithShouldRetry(true);

    public static StripeResponse Error(int status, string type, string message, string? code = null, string? param = null, Action<JsonObject>? more = null)
    {
        var error = new JsonObject { ["type"] = type, ["message"] = message };
        if (code is not null) error["code"] = code;
        if (param is not null) error["param"] = param;
        if (code is not null) error["doc_url"] = $"https://stripe.com/docs/error-codes/{code.Replace('_', '-')}";
        more?.Invoke(error);
        return new StripeResponse(status, new JsonObject { ["error"] = error });
    }
}
