using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using Payments.ServiceDefaults.Failures;

namespace Payments.P21Service.Client;

/// <summary>
/// Adds <c>Accept: application/json</c> (without it P21 answers XML, or an empty 500 on some APIs) and the bearer token. A 401 means
/// P21 ended our session: a new token is requested (one per process at a time, <see cref="P21TokenProvider"/>) and the call repeated,
/// up to <see cref="P21Options.Reauthentications"/> times, a little later each time, because every token request may end the sessions
/// of whoever else uses the same API user, such as another replica (docs/external-apis/p21.md#tokens). A 401 that names a missing
/// permission after a fresh token is permanent and says so; a 401 still there after the last fresh token reaches the caller.
/// </summary>
public sealed class P21AuthHandler(P21TokenProvider tokens, IOptions<P21Options> options) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.Headers.Accept.Any(a => a.MediaType == "application/json"))
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        var o = options.Value;
        for (var reissued = 0; ; reissued++)
        {
            var token = await tokens.GetTokenAsync(cancellationToken);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var response = await base.SendAsync(request, cancellationToken);
            if (response.StatusCode != HttpStatusCode.Unauthorized) return response;

            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (reissued > 0 && o.PermissionMessages.Any(m => body.Contains(m, StringComparison.OrdinalIgnoreCase)))
            {
                response.Dispose();
                throw new PermanentFailureException(
                    $"The P21 API user lacks permission for {Describe(request)}: P21 answered 401 \"{body.Trim()}\" to a freshly issued token. "
                    + "Grant it in P21 (the user's OData API access, the table's data-service permission, the window).", "P21");
            }
            if (reissued >= o.Reauthentications) return response;

            response.Dispose();
            tokens.Invalidate(token);
            // Whoever ended our session may be asking for tokens right now too: step aside for a moment before asking again.
            if (reissued > 0) await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(50, 250) * reissued), cancellationToken);
        }
    }

    /// <summary>What the call was about, in P21's terms: an OData table, the Transaction API, the router.</summary>
    static string Describe(HttpRequestMessage request)
    {
        var path = request.RequestUri?.AbsolutePath ?? "";
        var table = path.IndexOf("/odata/table/", StringComparison.OrdinalIgnoreCase);
        if (table >= 0) return $"OData table {path[(table + "/odata/table/".Length)..].TrimEnd('/')}";
        var view = path.IndexOf("/odata/view/", StringComparison.OrdinalIgnoreCase);
        if (view >= 0) return $"OData view {path[(view + "/odata/view/".Length)..].TrimEnd('/')}";
        if (path.Contains("/api/v2/transaction", StringComparison.OrdinalIgnoreCase)) return "the Transaction API";
        if (path.Contains("/api/ui/router", StringComparison.OrdinalIgnoreCase)) return "the UI server router";
        return $"{request.Method} {path}";
    }
}
