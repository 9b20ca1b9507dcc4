using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace Payments.Simulators.Znode.Api;

/// <summary>
/// How Znode's API answers (docs/external-apis/znode.md#status-codes): the <c>*Response</c> envelope in PascalCase; 204 with an
/// empty body for "not found" and empty lists; 500 with <c>HasError</c> and an <c>ErrorCode</c> for business errors (without
/// one for unexpected exceptions); 200 <c>IsSuccess:false</c> for an update whose row is missing.
/// </summary>
static class ZnodeHttp
{
    /// <summary>Newtonsoft's defaults as Znode configures them: names as declared, nulls written, reads case-insensitive.</summary>
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = null,
        PropertyNameCaseInsensitive = true,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };

    /// <summary><c>Minified-Json-Response: True</c>: Znode then drops nulls, zeros and false (Newtonsoft's DefaultValueHandling.Ignore).</summary>
    static readonly JsonSerializerOptions Minified = new(Json) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault };

    public const string ContentType = "application/json; charset=utf-8";

    /// <summary>Error codes of Znode's <c>ErrorCodes</c> that the simulated calls use.</summary>
    public static class ErrorCodes
    {
        public const int NullModel = 1;
        public const int InvalidData = 5;
        public const int NotFound = 6;
        public const int IdLessThanOne = 8;
        public const int UnAuthorized = 32;
        public const int InvalidDomainConfiguration = 8001;
    }

    public static Task OkAsync(HttpContext http, ZnodeResponse body) => WriteAsync(http, StatusCodes.Status200OK, body);

    public static Task CreatedAsync(HttpContext http, ZnodeResponse body) => WriteAsync(http, StatusCodes.Status201Created, body);

    /// <summary>Znode's "nothing here": 204 and no body (not 404).</summary>
    public static Task NoContentAsync(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }

    /// <summary>A <c>ZnodeException</c>: 500 with <c>HasError</c>, <c>ErrorCode</c> and the message.</summary>
    public static Task BusinessErrorAsync(HttpContext http, int errorCode, string message) =>
        WriteAsync(http, StatusCodes.Status500InternalServerError, new ZnodeResponse { HasError = true, ErrorCode = errorCode, ErrorMessage = message });

    /// <summary>Any other exception in a controller: 500 with <c>HasError</c> and the exception's message, no <c>ErrorCode</c>.</summary>
    public static Task UnexpectedErrorAsync(HttpContext http, string message) =>
        WriteAsync(http, StatusCodes.Status500InternalServerError, new ZnodeResponse { HasError = true, ErrorMessage = message });

    public static async Task WriteAsync(HttpContext http, int status, ZnodeResponse body)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = ContentType;
        var options = string.Equals(http.Request.Headers["Minified-Json-Response"], "true", StringComparison.OrdinalIgnoreCase) ? Minified : Json;
        await http.Response.WriteAsync(JsonSerializer.Serialize(body, body.GetType(), options), Encoding.UTF8);
    }

    /// <summary>The request body as <typeparamref name="T"/>; null for an empty or unreadable body (Web API binds those to null).</summary>
    public static async Task<T?> ReadAsync<T>(HttpContext http) where T : class
    {
        try
        {
            return await JsonSerializer.DeserializeAsync<T>(http.Request.Body, Json, http.RequestAborted);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>An <c>int</c> route value as Web API binds it: what does not parse is 0.</summary>
    public static int IntRouteValue(HttpContext http, string name) =>
        int.TryParse(http.Request.RouteValues[name] as string, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : 0;

    /// <summary>Money as SQL <c>NUMERIC(28,6)</c> comes out of Newtonsoft: six decimals (<c>125.000000</c>).</summary>
    public static decimal Numeric6(decimal value) => decimal.Round(value, 6) + 0.000000m;
}
