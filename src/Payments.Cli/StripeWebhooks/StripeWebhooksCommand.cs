using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Payments.Cli.Systems;
using Stripe;

namespace Payments.Cli.StripeWebhooks;

/// <summary>
/// <c>payments stripe webhook setup|check</c>: the Stripe account's webhook endpoint for the gateway, with exactly the events the
/// gateway's mappers consume and the API version it reads (<c>Payments.Gateway.Webhooks.StripeWebhookEvents</c>).
/// </summary>
public static class StripeWebhooksCommand
{
    public static Command Create(CliContext context)
    {
        var webhook = new Command("webhook", "The webhook endpoint Stripe posts the gateway's events to.")
        {
            WebhookSetupCommand.Create(context),
            WebhookCheckCommand.Create(context),
        };
        return new Command("stripe", "The Stripe account's set-up for the hub. Systems: Stripe__ApiKey (or --api-key), Stripe__ApiBase.") { webhook };
    }

    internal static Option<string> UrlOption(bool required) => new("--url")
    {
        Description = "The gateway's webhook address as Stripe reaches it, e.g. https://payments.example.com/webhooks/stripe.",
        Required = required,
        Validators =
        {
            result =>
            {
                if (result.GetValueOrDefault<string>() is { } url
                    && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)))
                    result.AddError($"--url '{url}' is not an absolute http(s) address");
            },
        },
    };

    internal static Option<string> ApiKeyOption() => new("--api-key")
    {
        Description = "A Stripe secret key (sk_…) or a restricted key with write access to webhook endpoints; default: Stripe__ApiKey.",
    };

    internal static IStripeClient Client(CliContext context, string? apiKey)
    {
        var key = apiKey is { Length: > 0 } ? apiKey : context.Configuration["Stripe:ApiKey"];
        if (string.IsNullOrWhiteSpace(key))
            throw new SystemReadException("no Stripe key: pass --api-key or set Stripe__ApiKey (a secret key sk_… or a restricted key that may write webhook endpoints)");
        var apiBase = context.Configuration["Stripe:ApiBase"] is { Length: > 0 } b ? b.TrimEnd('/') : "https://api.stripe.com";
        return new StripeClient(new StripeClientOptions { ApiKey = key, ApiBase = apiBase });
    }

    /// <summary>The account's endpoints at <paramref name="url"/> (any trailing slash ignored), oldest first.</summary>
    internal static async Task<List<WebhookEndpoint>> AtUrlAsync(IStripeClient client, string url, CancellationToken cancellationToken)
    {
        var found = new List<WebhookEndpoint>();
        await foreach (var endpoint in new WebhookEndpointService(client).ListAutoPagingAsync(new WebhookEndpointListOptions { Limit = 100 },
                           cancellationToken: cancellationToken))
            if (SameUrl(endpoint.Url, url))
                found.Add(endpoint);
        return [.. found.OrderBy(e => e.Created)];
    }

    static bool SameUrl(string? a, string b) => string.Equals(a?.TrimEnd('/'), b.TrimEnd('/'), StringComparison.Ordinal);
}
