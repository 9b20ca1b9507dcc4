using Payments.Simulators.Stripe;
using Stripe;

namespace Payments.Simulators.Tests.Stripe;

static class StripeClients
{
    /// <summary>A Stripe.net client on the fake, without the SDK's own retries (so each call is one request).</summary>
    public static StripeClient For(StripeApiFake fake, string key = "sk_test_123") => new(new StripeClientOptions
    {
        ApiKey = key,
        ApiBase = fake.ApiBase,
        HttpClient = new SystemNetHttpClient(new HttpClient(), maxNetworkRetries: 0),
    });
}
