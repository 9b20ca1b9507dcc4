using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
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
        var refused = Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(new() { ["Stripe:ApiKey"] = apiKey, ["Stripe:ApiBase"] = apiBase }))!;

        Assert.That(refused.Message, Does.Contain(expected));
    }

    [TestCase("0")]
    [TestCase("101")]
    public void Should_refuse_a_payout_page_size_stripe_does_not_serve(string pageSize)
    {
        var refused = Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(new() { ["Stripe:ApiKey"] = "sk_test_123", ["Stripe:Payouts:PageSize"] = pageSize }))!;

        Assert.That(refused.Failures, Is.EqualTo(new[] { "Stripe:Payouts:PageSize must be between 1 and 100 (Stripe's largest page)." }));
    }

    [Test]
    public void Should_name_each_problem_of_the_stripe_sections_by_its_key()
    {
        var refused = Assert.ThrowsAsync<AggregateException>(() => StartAsync(new()
        {
            ["Stripe:ApiKey"] = "sk_test_123",
            ["Stripe:RequestTimeout"] = "00:00:00",
            ["Stripe:Http:MaxQueuedRequests"] = "-1",
            ["Stripe:Http:BreakDuration"] = "00:00:00.1",
        }))!;

        var failures = refused.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures);
        Assert.That(failures, Is.EquivalentTo(new[]
        {
            "Stripe:RequestTimeout must be between 00:00:00.1 and 01:00:00.",
            "Stripe:Http:MaxQueuedRequests must be between 0 and 100000.",
            "Stripe:Http:BreakDuration must be between 00:00:00.5 and 1.00:00:00.",
        }));
    }

    [Test]
    public void Should_make_one_Stripe_client_for_every_message()
    {
        // Stripe.net reads an assembly file's version resource each time its HTTP client is made (its user agent): made per
        // consumer scope, that was on every message.
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Stripe:ApiKey"] = "sk_test_123" });
        builder.AddStripeService();
        using var host = builder.Build();

        Stripe.StripeClient ClientOfAMessage()
        {
            using var scope = host.Services.CreateScope();
            return scope.ServiceProvider.GetRequiredService<Stripe.StripeClient>();
        }

        var first = ClientOfAMessage();
        var next = ClientOfAMessage();
        Assert.That(next, Is.SameAs(first));
    }

    static async Task StartAsync(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddStripeService();
        using var host = builder.Build();
        await host.StartAsync();
        await host.StopAsync();
    }
}
