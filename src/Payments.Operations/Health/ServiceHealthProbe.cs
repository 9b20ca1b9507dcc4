namespace Payments.Operations.Health;

/// <summary>
/// Another Payments service's <c>/health</c>: healthy on 200. The adapters' checks cover their outside system, so this is how the
/// operations service sees P21, Znode and Stripe without their credentials.
/// </summary>
public sealed class ServiceHealthProbe(string service, Uri url, IHttpClientFactory http) : IDependencyProbe
{
    public const string HttpClientName = "health-probes";

    public string Name => $"service:{service}";

    public async Task<ProbeResult> ProbeAsync(CancellationToken cancellationToken)
    {
        using var response = await http.CreateClient(HttpClientName).GetAsync(url, cancellationToken);
        var body = (await response.Content.ReadAsStringAsync(cancellationToken)).Trim();
        if (body.Length > 200) body = body[..200] + "…";
        return new ProbeResult(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {body}");
    }
}
