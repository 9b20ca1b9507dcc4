using Microsoft.AspNetCore.Http;
using Payments.Simulators.P21.Resources;

namespace Payments.Simulators.P21.Auth;

/// <summary>
/// Endpoint metadata for the routes that need a bearer token from <see cref="P21TokenIssuer"/> (every route but the token's), and the
/// middleware that refuses calls without a live one with P21's 401 texts.
/// </summary>
sealed class P21BearerToken
{
    public static readonly P21BearerToken Required = new();

    P21BearerToken() { }

    public static Func<HttpContext, RequestDelegate, Task> Check(P21TokenIssuer tokens) => async (http, next) =>
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<P21BearerToken>() is null || tokens.IsValid(http.Request.Headers.Authorization.ToString()))
        {
            await next(http);
            return;
        }
        http.Response.StatusCode = StatusCodes.Status401Unauthorized;
        await http.Response.WriteAsync(http.Request.Headers.Authorization.Count == 0 ? P21Http.NoAuthorizationHeader : P21Http.Unauthorized);
    };
}
