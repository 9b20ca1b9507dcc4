using Microsoft.Extensions.Logging;
using Payments.P21Service.Client.Transactions;
using Payments.ServiceDefaults.Failures;
using Refit;

namespace Payments.P21Service.Client;

/// <summary>
/// Finds the UI server (which serves the Transaction API) through P21's router once, and hands out Transaction API clients bound to it.
/// </summary>
public sealed class P21UiServer(IP21Api api, IHttpClientFactory httpClients, TimeProvider time, ILogger<P21UiServer> logger)
{
    public const string HttpClientName = "P21.UiServer";

    readonly SemaphoreSlim _gate = new(1, 1);
    Uri? _address;

    public async Task<IP21TransactionApi> TransactionApiAsync(CancellationToken cancellationToken)
    {
        var client = httpClients.CreateClient(HttpClientName);
        client.BaseAddress = await AddressAsync(cancellationToken);
        return RestService.ForGenerated<IP21TransactionApi>(client, P21Json.RefitSettings);
    }

    /// <summary>Asks the router again next time (after the UI server could not be reached).</summary>
    public void Forget() => _address = null;

    async Task<Uri> AddressAsync(CancellationToken cancellationToken)
    {
        if (_address is { } known) return known;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_address is { } again) return again;
            var route = await P21Failures.CallAsync("the UI server router", () => api.GetUiServerAsync(cancellationToken), time, cancellationToken);
            if (string.IsNullOrWhiteSpace(route.Url) || !Uri.TryCreate(route.Url.TrimEnd('/'), UriKind.Absolute, out var address))
                throw new PermanentFailureException($"P21's router returned no usable UI server URL ('{route.Url}').", "P21");
            // Refit appends its paths to the base address path, so keep it without a trailing slash (…/uiserver0).
            logger.LogInformation("P21 UI server is {UiServer}", address);
            return _address = address;
        }
        finally
        {
            _gate.Release();
        }
    }
}
