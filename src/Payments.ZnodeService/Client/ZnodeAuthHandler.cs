using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;

namespace Payments.ZnodeService.Client;

/// <summary>
/// Puts Znode's credentials on every call (docs/external-apis/znode.md#authentication): <c>Authorization: Basic
/// base64("{domain}|{key}")</c> (a pipe, not a colon), <c>Znode-DomainName</c> (which store), and <c>Znode-UserId</c> when configured.
/// </summary>
public sealed class ZnodeAuthHandler(IOptions<ZnodeOptions> options) : DelegatingHandler
{
    public const string DomainHeader = "Znode-DomainName";
    public const string UserIdHeader = "Znode-UserId";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.DomainName}|{settings.ApiKey}")));
        request.Headers.Remove(DomainHeader);
        request.Headers.TryAddWithoutValidation(DomainHeader, settings.DomainName);
        request.Headers.Remove(UserIdHeader);
        if (settings.UserId is { } userId)
            request.Headers.TryAddWithoutValidation(UserIdHeader, userId.ToString(CultureInfo.InvariantCulture));
        return base.SendAsync(request, cancellationToken);
    }
}
