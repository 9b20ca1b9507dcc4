using System.Net.Http.Headers;
using System.Text;
using Payments.Simulators.Stripe;

namespace Payments.Benchmarks.Ingest;

/// <summary>
/// Distinct <c>charge.succeeded</c> events (each its own charge, payment intent and event id), built before the clock
/// starts, and the client that signs and posts them and insists on <c>200 published</c>. Signed at posting (an HMAC, a few
/// microseconds) so that a long run stays inside the gateway's 300 s signature tolerance.
/// </summary>
public sealed class SignedWebhooks(Uri webhookUrl, string secret) : IDisposable
{
    readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan }) { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>A web-shop charge as the sandbox's demonstration makes it: a billing e-mail and two item lines.</summary>
    public static ChargeSpec Charge() => new()
    {
        Amount = 7_499,
        BillingEmail = "buyer@example.com",
        BillingName = "Acme Supply Co",
        Description = "Web order",
        Metadata = new Dictionary<string, string> { ["items"] = "WIDGET-001:2,GADGET-200:1" },
    };

    public static string[] Prepare(int count) => [.. Enumerable.Range(0, count).Select(_ => StripeEventBuilder.ChargeSucceeded(Charge()).Json)];

    public async Task PostAsync(string json)
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(json));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, webhookUrl) { Content = content };
        request.Headers.Add("Stripe-Signature", StripeEventBuilder.Sign(json, secret));
        using var response = await _http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != System.Net.HttpStatusCode.OK || !body.Contains("\"published\"", StringComparison.Ordinal))
            throw new InvalidOperationException($"Gateway answered {(int)response.StatusCode}: {body}");
    }

    public void Dispose() => _http.Dispose();
}
