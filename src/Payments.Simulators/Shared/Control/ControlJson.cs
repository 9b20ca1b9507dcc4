using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Payments.Simulators.Shared.Control;

/// <summary>JSON in and out of the control API: camelCase, enums as strings, unknown properties refused (a typo is a clear 400, not a silent default).</summary>
public static class ControlJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        WriteIndented = true,
    };

    /// <summary>The body as <typeparamref name="T"/>, or null after answering 400 with what is wrong.</summary>
    public static async Task<T?> ReadAsync<T>(HttpContext http) where T : class
    {
        try
        {
            if (!HasBody(http)) return await BadRequestAsync<T>(http, "A JSON body is required.");
            var value = await JsonSerializer.DeserializeAsync<T>(http.Request.Body, Options, http.RequestAborted);
            return value ?? await BadRequestAsync<T>(http, "A JSON body is required.");
        }
        catch (JsonException e)
        {
            return await BadRequestAsync<T>(http, $"The body is not valid JSON for this call: {e.Message}");
        }
    }

    /// <summary>Whether the request carries a body (a length above zero, or chunked).</summary>
    public static bool HasBody(HttpContext http) => http.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? http.Request.ContentLength > 0;

    public static Task WriteAsync<T>(HttpContext http, T value, int status = StatusCodes.Status200OK)
    {
        http.Response.StatusCode = status;
        return http.Response.WriteAsJsonAsync(value, Options, http.RequestAborted);
    }

    /// <summary>A control API error: <c>{"error": "…"}</c>.</summary>
    public static Task ErrorAsync(HttpContext http, int status, string message) => WriteAsync(http, new ControlError(message), status);

    static async Task<T?> BadRequestAsync<T>(HttpContext http, string message) where T : class
    {
        await ErrorAsync(http, StatusCodes.Status400BadRequest, message);
        return null;
    }
}

public sealed record ControlError(string Error);
