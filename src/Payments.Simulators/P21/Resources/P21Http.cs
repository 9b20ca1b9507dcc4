using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Payments.Simulators.P21.Resources;

/// <summary>How P21's middleware answers, shared by its resources.</summary>
static class P21Http
{
    /// <summary>PascalCase, case-sensitive: the Transaction API's binder.</summary>
    public static readonly JsonSerializerOptions Json = new();

    public const string Unauthorized = "Authorization has been denied for this request.";
    public const string NoAuthorizationHeader = "Authorization header was not present";

    public static bool AcceptsJson(HttpContext http) => http.Request.Headers.Accept.ToString().Contains("json", StringComparison.OrdinalIgnoreCase);

    /// <summary>P21's REST error envelope.</summary>
    public static Task WriteErrorEnvelopeAsync(HttpContext http, int status, string? message)
    {
        http.Response.StatusCode = status;
        return http.Response.WriteAsJsonAsync(new Dictionary<string, object?>
        {
            ["DateTimeStamp"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture), ["ErrorMessage"] = message,
            ["ErrorType"] = "P21.Common.Exceptions.Prophet21Exception", ["HostName"] = "P21SIM", ["InnerException"] = null,
        });
    }
}
