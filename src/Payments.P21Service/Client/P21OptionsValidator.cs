using Microsoft.Extensions.Options;

namespace Payments.P21Service.Client;

/// <summary>The <see cref="P21Options"/> rules DataAnnotations cannot say, one line per problem naming its key.</summary>
public sealed class P21OptionsValidator : IValidateOptions<P21Options>
{
    const string Section = P21Options.Section;

    public ValidateOptionsResult Validate(string? name, P21Options options)
    {
        var errors = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.BaseUrl)
            && (!Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
            errors.Add($"{Section}:BaseUrl must be an absolute http(s) URL of the P21 middleware (got '{options.BaseUrl}').");
        if (string.IsNullOrWhiteSpace(options.ClientSecret) && (string.IsNullOrWhiteSpace(options.Username) || string.IsNullOrWhiteSpace(options.Password)))
            errors.Add($"{Section}:Password (with {Section}:Username) or {Section}:ClientSecret (consumer key) is required.");
        try
        {
            TimeZoneInfo.FindSystemTimeZoneById(options.ErpTimeZone);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            errors.Add($"{Section}:ErpTimeZone '{options.ErpTimeZone}' is not a known time zone id (e.g. America/New_York).");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
