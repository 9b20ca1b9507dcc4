using System.Text;
using Microsoft.AspNetCore.Http;

namespace Payments.Simulators.Znode.Api;

/// <summary>Endpoint metadata of the routes that change data (some of them are GETs), for <see cref="ZnodeSimulatorOptions.RequireUserIdOnWrites"/>.</summary>
sealed class ZnodeWrite
{
    public static readonly ZnodeWrite Instance = new();
}

/// <summary>
/// Znode's request checks, in its order (docs/external-apis/znode.md#authentication): the store is chosen by <c>Znode-DomainName</c>
/// (else the Host), and an unknown one answers 404 with ErrorCode 8001; then <c>Authorization</c>: the first six characters are cut
/// (<c>Basic </c>), the rest base64-decoded and split at <c>|</c> into domain and key, and the key compared case-sensitively with
/// that domain's; a missing or wrong one answers 401 with an empty body.
/// </summary>
sealed class ZnodeAuth(ZnodeSimulatorOptions options)
{
    public const string DomainHeader = "Znode-DomainName";
    public const string UserIdHeader = "Znode-UserId";

    public async Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        var domain = http.Request.Headers[DomainHeader].FirstOrDefault() is { Length: > 0 } named ? named : http.Request.Host.Value;
        if (!KnownDomain(domain))
        {
            await ZnodeHttp.WriteAsync(http, StatusCodes.Status404NotFound, new ZnodeResponse
            {
                HasError = true,
                ErrorCode = ZnodeHttp.ErrorCodes.InvalidDomainConfiguration,
                ErrorMessage = $"Domain '{domain}' is not configured or not active.",
            });
            return;
        }
        if (!Authorized(http.Request.Headers.Authorization.FirstOrDefault()))
        {
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }
        if (options.RequireUserIdOnWrites && http.GetEndpoint()?.Metadata.GetMetadata<ZnodeWrite>() is not null
            && string.IsNullOrWhiteSpace(http.Request.Headers[UserIdHeader]))
        {
            // APIAuthorizeAttribute's answer: HasError stays false there.
            await ZnodeHttp.WriteAsync(http, StatusCodes.Status401Unauthorized, new ZnodeResponse
            {
                ErrorCode = ZnodeHttp.ErrorCodes.UnAuthorized,
                ErrorMessage = "You are unauthorized to access this resource",
            });
            return;
        }
        await next(http);
    }

    bool KnownDomain(string? domain) => string.Equals(domain, options.DomainName, StringComparison.OrdinalIgnoreCase);

    bool Authorized(string? header)
    {
        if (header is null || header.Length <= 6) return false;
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
        }
        catch (FormatException)
        {
            return false;
        }
        var parts = decoded.Split('|');
        return parts.Length >= 2 && KnownDomain(parts[0]) && string.Equals(parts[1], options.ApiKey, StringComparison.Ordinal);
    }
}
