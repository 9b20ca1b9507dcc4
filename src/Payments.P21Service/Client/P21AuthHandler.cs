using System.Net;
using System.Net.Http.Headers;

namespace Payments.P21Service.Client;

/// <summary>
/// Adds <c>Accept: application/json</c> (without it P21 answers XML, or an empty 500 on some APIs) and the bearer token. On a 401 the token is
/// re-issued once and the call retried once; a second 401 reaches the caller, which treats it as bad credentials.
/// </summary>
public sealed class P21AuthHandler(P21TokenProvider tokens) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.Headers.Accept.Any(a => a.MediaType == "application/json"))
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        var token = await tokens.GetTokenAsync(cancellationToken);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized) return response;

        response.Dispose();
        tokens.Invalidate(token);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetTokenAsync(cancellationToken));
        return await base.SendAsync(request, cancellationToken);
    }
}
