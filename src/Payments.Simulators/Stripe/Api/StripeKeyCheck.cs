using System.Text;
using Microsoft.AspNetCore.Http;

namespace Payments.Simulators.Stripe.Api;

/// <summary>
/// Stripe's key check, before anything else (faults included): a secret key as <c>Authorization: Bearer sk_test_…</c> (or HTTP Basic with
/// the key as user name, as <c>curl -u sk_test_…:</c> sends it); exactly the configured key when one is set, else any test-mode secret key.
/// </summary>
sealed class StripeKeyCheck(string? apiKey)
{
    public async Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        if (Refusal(http.Request.Headers.Authorization.FirstOrDefault()) is not { } refusal)
        {
            await next(http);
            return;
        }
        http.Response.StatusCode = refusal.Status;
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(refusal.Body.ToJsonString(), Encoding.UTF8);
    }

    StripeResponse? Refusal(string? authorization)
    {
        var key = KeyOf(authorization);
        if (string.IsNullOrEmpty(key))
            return StripeErrors.Error(401, "invalid_request_error",
                "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').");
        var valid = apiKey is null ? key.StartsWith("sk_test_", StringComparison.Ordinal) && key.Length > "sk_test_".Length : key == apiKey;
        return valid ? null : StripeErrors.Error(401, "invalid_request_error", $"Invalid API Key provided: {Redact(key)}", code: "api_key_invalid");
    }

    static string? KeyOf(string? authorization)
    {
        if (authorization is null) return null;
        if (authorization.StartsWith("Bearer ", StringComparison.Ordinal)) return authorization["Bearer ".Length..].Trim();
        if (!authorization.StartsWith("Basic ", StringComparison.Ordinal)) return null;
        try
        {
            var userAndPassword = Encoding.UTF8.GetString(Convert.FromBase64String(authorization["Basic ".Length..].Trim()));
            return userAndPassword.Split(':', 2)[0];
        }
        catch (FormatException)
        {
            return null;
        }
    }

    static string Redact(string key) => key.Length <= 12 ? "****" : $"{key[..8]}****{key[^4..]}";
}
