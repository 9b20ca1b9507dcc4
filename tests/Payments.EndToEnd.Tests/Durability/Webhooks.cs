using System.Text;
using Payments.Simulators.Stripe;

namespace Payments.EndToEnd.Tests.Durability;

static class Webhooks
{
    /// <summary>Posts a signed Stripe event, as Stripe does, to a gateway's <c>/webhooks/stripe</c>.</summary>
    public static async Task<(int Status, string Body)> PostAsync(HttpClient http, string url, StripeWebhookEvent webhook, string secret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(webhook.Json, Encoding.UTF8, "application/json") };
        request.Headers.Add("Stripe-Signature", webhook.Sign(secret));
        using var response = await http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
