using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Payments.StripeService.Client;

/// <summary>
/// The <c>Stripe</c> section: which account and where its API is. How calls are limited and cut off when Stripe struggles
/// is in <c>Stripe:Http</c> (<see cref="ServiceDefaults.Http.OutboundHttpOptions"/>).
/// </summary>
public sealed class StripeOptions
{
    public const string Section = "Stripe";

    /// <summary>Secret (<c>sk_…</c>) or restricted (<c>rk_…</c>) key.</summary>
    [Required(ErrorMessage = "{0} is required (a secret key sk_… or a restricted key rk_…).")]
    public string ApiKey { get; set; } = "";

    /// <summary>https://api.stripe.com in production; the Stripe API fake's address in the sandbox and tests.</summary>
    public string ApiBase { get; set; } = "https://api.stripe.com";

    /// <summary>How long one call may take (the HTTP pipeline's attempt time-out; Stripe.net's own default is 80 s).</summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "01:00:00", ErrorMessage = "{0} must be between 00:00:00.1 and 01:00:00.")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(80);
}

/// <summary>The <see cref="StripeOptions"/> rules DataAnnotations cannot say, one line per problem naming its key.</summary>
public sealed class StripeOptionsValidator : IValidateOptions<StripeOptions>
{
    const string Section = StripeOptions.Section;

    public ValidateOptionsResult Validate(string? name, StripeOptions options)
    {
        var failures = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.ApiKey) && !options.ApiKey.StartsWith("sk_", StringComparison.Ordinal) && !options.ApiKey.StartsWith("rk_", StringComparison.Ordinal))
            failures.Add($"{Section}:ApiKey must be a secret key (sk_…) or a restricted key (rk_…); publishable keys (pk_…) cannot update charges.");
        if (!Uri.TryCreate(options.ApiBase, UriKind.Absolute, out var apiBase) || (apiBase.Scheme != Uri.UriSchemeHttps && apiBase.Scheme != Uri.UriSchemeHttp))
            failures.Add($"{Section}:ApiBase must be an absolute http(s) URL; got '{options.ApiBase}'.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
