using System.Net.Http.Json;
using Microsoft.Extensions.Options;

namespace Payments.Operations.Alerts.Channels;

/// <summary>
/// POSTs an alert as JSON to <c>Alerts:Webhook:Url</c>. <c>text</c> holds the whole message (what Slack's and Mattermost's
/// incoming webhooks show); the other fields are for tools that route by kind or key.
/// </summary>
public sealed class WebhookAlertChannel(HttpClient http, IOptions<WebhookAlertOptions> options) : IAlertChannel
{
    public const string HttpClientName = "alerts-webhook";

    WebhookAlertOptions Settings => options.Value;

    public string Name => "webhook";

    public bool Enabled => Settings.Enabled;

    public async Task SendAsync(Alert alert, int heldBack, CancellationToken cancellationToken)
    {
        var payload = new WebhookAlertPayload(
            $"[payments] {alert.Title}\n{AlertText.Body(alert, heldBack)}",
            alert.Kind, alert.Key, alert.Title, alert.Text, alert.OccurredAt, alert.IsSummary, alert.Occurrences, heldBack);
        using var request = new HttpRequestMessage(HttpMethod.Post, Settings.Url) { Content = JsonContent.Create(payload) };
        if (!string.IsNullOrEmpty(Settings.Secret))
            request.Headers.TryAddWithoutValidation(Settings.SecretHeader, Settings.Secret);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Settings.Timeout);
        using var response = await http.SendAsync(request, timeout.Token);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"The alert webhook answered {(int)response.StatusCode} {response.ReasonPhrase}.", null, response.StatusCode);
    }
}

/// <summary>The JSON body of an alert webhook (camelCase).</summary>
public sealed record WebhookAlertPayload(string Text, string Kind, string Key, string Title, string Details, DateTimeOffset OccurredAt,
    bool Summary, int Occurrences, int HeldBackByRateLimit);
