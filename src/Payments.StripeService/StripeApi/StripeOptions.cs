using Microsoft.Extensions.Options;

namespace Payments.StripeService.StripeApi;

/// <summary>The <c>Stripe</c> configuration section.</summary>
public sealed class StripeOptions
{
    public const string Section = "Stripe";

    /// <summary>Secret (<c>sk_…</c>) or restricted (<c>rk_…</c>) key.</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>https://api.stripe.com in production; the Stripe API fake's address in the sandbox and tests.</summary>
    public string ApiBase { get; set; } = "https://api.stripe.com";

    /// <summary>Stripe.net's own retries of one call (same idempotency key); MassTransit's retry policy comes on top.</summary>
    public int MaxNetworkRetries { get; set; } = 2;

    /// <summary>Per-call HTTP time-out; Stripe.net's default is 80 s.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(80);
}

public sealed class StripeOptionsValidator : IValidateOptions<StripeOptions>
{
    public ValidateOptionsResult Validate(string? name, StripeOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ApiKey))
            failures.Add("Stripe:ApiKey is required (a secret key sk_… or a restricted key rk_…).");
        else if (!options.ApiKey.StartsWith("sk_", StringComparison.Ordinal) && !options.ApiKey.StartsWith("rk_", StringComparison.Ordinal))
            failures.Add("Stripe:ApiKey must be a secret key (sk_…) or a restricted key (rk_…); publishable keys (pk_…) cannot update charges.");
        if (!Uri.TryCreate(options.ApiBase, UriKind.Absolute, out var apiBase) || (apiBase.Scheme != Uri.UriSchemeHttps && apiBase.Scheme != Uri.UriSchemeHttp))
            failures.Add($"Stripe:ApiBase must be an absolute http(s) URL; got '{options.ApiBase}'.");
        if (options.MaxNetworkRetries is < 0 or > 10)
            failures.Add($"Stripe:MaxNetworkRetries must be between 0 and 10; got {options.MaxNetworkRetries}.");
        if (options.RequestTimeout <= TimeSpan.Zero)
            failures.Add($"Stripe:RequestTimeout must be positive; got {options.RequestTimeout}.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
