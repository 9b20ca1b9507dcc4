using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Payments.StripeService.Tests;

[TestFixture]
public class When_starting_the_Stripe_service
{
    [TestCase(null, "https://api.stripe.com", "Stripe:ApiKey is required")]
    [TestCase("pk_test_123", "https://api.stripe.com", "publishable keys")]
    [TestCase("sk_test_123", "not a url", "Stripe:ApiBase must be an absolute http(s) URL")]
    public void Should_refuse_invalid_options_with_a_clear_message(string? apiKey, string apiBase, string expected)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Stripe:ApiKey"] = apiKey, ["Stripe:ApiBase"] = apiBase });
        builder.AddStripeService();
        using var host = builder.Build();

        var refused = Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync())!;

        Assert.That(refused.Message, Does.Contain(expected));
    }
}
