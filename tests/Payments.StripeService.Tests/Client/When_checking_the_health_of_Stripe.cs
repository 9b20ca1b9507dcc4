using Microsoft.Extensions.Diagnostics.HealthChecks;
using Payments.Simulators.Stripe;
using Payments.StripeService.Client;
using Stripe;

namespace Payments.StripeService.Tests.Client;

/// <summary>The Stripe service's <c>/health</c> check reads Stripe's balance: healthy while Stripe answers, unhealthy without saying the key when it refuses it.</summary>
public class When_checking_the_health_of_Stripe
{
    [Test]
    public async Task Should_be_healthy_while_Stripe_answers()
    {
        await using var fake = await StripeApiFake.StartAsync();
        var check = new StripeHealthCheck(new StripeClient("sk_test_health", apiBase: fake.ApiBase));

        var result = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.That(result.Status, Is.EqualTo(HealthStatus.Healthy), result.Description);
    }

    [Test]
    public async Task Should_be_unhealthy_when_Stripe_is_away()
    {
        string apiBase;
        await using (var fake = await StripeApiFake.StartAsync())
            apiBase = fake.ApiBase;
        var check = new StripeHealthCheck(new StripeClient("sk_test_secret_value", apiBase: apiBase,
            httpClient: new SystemNetHttpClient(new HttpClient(), maxNetworkRetries: 0)));

        var result = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.That(result.Status, Is.EqualTo(HealthStatus.Unhealthy));
        Assert.That(result.Description, Does.Not.Contain("sk_test_secret_value"));
    }
}
